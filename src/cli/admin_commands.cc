#include <cstdio>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/clock.h"
#include "core/csv_reader.h"
#include "platform/demo_data.h"
#include "platform/directory_import.h"
#include "store/store.h"

namespace choral::cli {

void PrintFatal(const std::string& message) { std::cerr << "choral: " << message << "\n"; }

namespace {

core::Result<std::unique_ptr<store::Store>> OpenStore(const Config& config,
                                                      const core::Clock& clock) {
  store::StoreOptions options;
  options.data_dir = config.data_dir;
  options.database_url = config.database_url;
  return store::Store::Open(options, clock);
}

// The whole file, or an error naming it; larger than the CSV reader's limit is refused here
// already so a wrong path to a huge file does not fill memory.
core::Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Fail(core::ErrorCode::kNotFound, "cannot read " + path);
  }
  std::string text;
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        path + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  if (in.bad()) return core::Fail(core::ErrorCode::kUnavailable, "cannot read " + path);
  return text;
}

nlohmann::json CountsJson(const platform::DirectoryImportCounts& counts) {
  return {
      {"created", counts.created}, {"updated", counts.updated}, {"unchanged", counts.unchanged}};
}

}  // namespace

int RunImportDirectory(const Config& config, const std::string& file, bool json) {
  auto text = ReadSmallFile(file, core::CsvOptions{}.max_bytes);
  if (!text) {
    PrintFatal(text.error().message);
    return 2;
  }
  core::SystemClock clock;
  auto store = OpenStore(config, clock);
  if (!store) {
    PrintFatal(store.error().message);
    return 2;
  }
  auto report = platform::DirectoryImport(**store).Run(*text, "cli");
  if (!report) {
    PrintFatal(file + ": " + report.error().message);
    return 2;
  }
  if (json) {
    nlohmann::json rejected = nlohmann::json::array();
    for (const auto& r : report->rejections) {
      rejected.push_back({{"line", r.line}, {"reason", r.reason}});
    }
    std::cout << nlohmann::json{{"structures", CountsJson(report->structures)},
                                {"services", CountsJson(report->services)},
                                {"rejected", rejected}}
                     .dump()
              << "\n";
  } else {
    const auto& st = report->structures;
    const auto& sv = report->services;
    std::cout << "structures: " << st.created << " created, " << st.updated << " updated, "
              << st.unchanged << " unchanged\n"
              << "services: " << sv.created << " created, " << sv.updated << " updated, "
              << sv.unchanged << " unchanged\n";
    for (const auto& r : report->rejections) {
      std::cout << file << ":" << r.line << ": rejected: " << r.reason << "\n";
    }
  }
  return report->rejections.empty() ? 0 : 1;
}

int RunSeedDemo(const Config& config, bool json) {
  core::SystemClock clock;
  auto store = OpenStore(config, clock);
  if (!store) {
    PrintFatal(store.error().message);
    return 1;
  }
  platform::PasswordHasher hasher;
  auto report = platform::SeedDemoData(**store, hasher);
  if (!report) {
    PrintFatal("cannot write the demo data: " + report.error().message);
    return 1;
  }
  if (json) {
    nlohmann::json logins = nlohmann::json::array();
    for (const auto& login : report->logins) {
      logins.push_back({{"email", login.email},
                        {"password", login.password},
                        {"structure_name", login.structure_name},
                        {"role", login.role}});
    }
    std::cout << nlohmann::json{{"already_seeded", report->already_seeded},
                                {"structures", report->structures},
                                {"services", report->services},
                                {"logins", logins}}
                     .dump()
              << "\n";
    return 0;
  }
  if (report->already_seeded) {
    std::cout << "Demo data are already there; their passwords were shown when they were "
                 "created.\n(Start from an empty data folder to get new ones.)\n";
    return 0;
  }
  std::cout << "Demo data written: " << report->structures << " structures, " << report->services
            << " services, " << report->logins.size() << " accounts.\n"
            << "Demo logins (shown once, stored only as argon2id hashes):\n";
  for (const auto& login : report->logins) {
    std::printf("  %-40s %-22s %-25s %s\n", login.email.c_str(), login.password.c_str(),
                login.role.c_str(), login.structure_name.c_str());
  }
  return 0;
}

int RunVerify(const Config& config) {
  core::SystemClock clock;
  auto store = OpenStore(config, clock);
  if (!store) {
    PrintFatal(store.error().message);
    return 1;
  }
  auto report = (*store)->Verify();
  if (!report) {
    PrintFatal("cannot verify: " + report.error().message);
    return 1;
  }
  std::cout << "audit events checked: " << report->events_checked << "\n"
            << "blobs checked: " << report->blobs_checked << "\n";
  if (!report->ok) {
    std::cout << "BROKEN: " << report->first_problem << "\n";
    return 1;
  }
  std::cout << "intact\n";
  return 0;
}

}  // namespace choral::cli
