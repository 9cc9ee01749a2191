# Helpers that give every module the same shape: a static library, its tests and its benchmarks.

# choral_module(NAME SOURCES ... DEPS ...): the static library choral_NAME; headers are included
# as "NAME/file.h" from src/.
function(choral_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(choral_${name} STATIC ${M_SOURCES})
  target_include_directories(choral_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(choral_${name} PUBLIC ${M_DEPS})
endfunction()

# choral_test(NAME SOURCES ... DEPS ... [LABELS ...] [ENVIRONMENT ...] [FIXTURES ...]):
# a GoogleTest binary registered with CTest. LABELS default to "unit".
function(choral_test name)
  cmake_parse_arguments(T "" "" "SOURCES;DEPS;LABELS;ENVIRONMENT;FIXTURES" ${ARGN})
  if(NOT TARGET ${name})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  endif()
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT 600)
  if(T_ENVIRONMENT)
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${T_ENVIRONMENT}")
  endif()
  if(T_FIXTURES)
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES}")
  endif()
endfunction()

# choral_bench(NAME SOURCES ... DEPS ...): a Google Benchmark binary; not a test, it prints figures.
function(choral_bench name)
  cmake_parse_arguments(B "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${B_SOURCES})
  target_link_libraries(${name} PRIVATE ${B_DEPS} benchmark::benchmark benchmark::benchmark_main)
endfunction()
