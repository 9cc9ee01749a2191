# Every third-party library, found once. All come from Debian 12 packages (see README's table).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(tl-expected REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(mstch REQUIRED)
find_package(OpenSSL REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(QPDF REQUIRED IMPORTED_TARGET libqpdf)
pkg_check_modules(LIBPNG REQUIRED IMPORTED_TARGET libpng)
find_package(pugixml REQUIRED)
find_package(LibXml2 REQUIRED)  # XSD validation in the formats module
find_package(CURL REQUIRED)  # SMTP client of the mail module

# SOCI 4.0 ships no CMake package on Debian: declare its libraries by hand.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
add_library(soci INTERFACE)
target_include_directories(soci INTERFACE ${SOCI_INCLUDE_DIR})
target_link_libraries(soci INTERFACE ${SOCI_SQLITE3_LIBRARY} ${SOCI_POSTGRESQL_LIBRARY}
                      ${SOCI_CORE_LIBRARY} PkgConfig::LIBPQ PkgConfig::SQLITE3 ${CMAKE_DL_LIBS})

# RESTinio is header-only; it needs standalone Asio, http-parser and fmt.
find_path(RESTINIO_INCLUDE_DIR restinio/all.hpp REQUIRED)
find_library(HTTP_PARSER_LIBRARY http_parser REQUIRED)
add_library(restinio INTERFACE)
target_include_directories(restinio INTERFACE ${RESTINIO_INCLUDE_DIR})
target_compile_definitions(restinio INTERFACE ASIO_STANDALONE)
target_link_libraries(restinio INTERFACE ${HTTP_PARSER_LIBRARY} fmt::fmt Threads::Threads)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)  # flow archives (zip, tar.gz)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)  # PDF reports
