// choral: the e-invoicing platform's one program. `choral serve` runs the portal and the APIs;
// `choral admin ...` looks after the data.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/config.h"

namespace {

using choral::cli::Config;

// Flags common to every command that opens the store; empty means "not given".
struct CommonFlags {
  std::string config_file;
  std::string data_dir;
  std::string database_url;
  std::string log_level;
  std::string listen;
  std::string web_root;
};

void AddStoreFlags(CLI::App* command, CommonFlags& flags) {
  command->add_option("--config", flags.config_file, "TOML configuration file")
      ->envname("CHORAL_CONFIG");
  command->add_option("--data", flags.data_dir, "data folder (SQLite file, blobs)");
  command->add_option("--database", flags.database_url,
                      "database URL: postgresql://user@host:port/db (default: SQLite in --data)");
}

// Defaults < config file < environment < flags.
choral::core::Result<Config> ResolveConfig(const CommonFlags& flags) {
  Config config;
  if (!flags.config_file.empty()) {
    if (auto loaded = choral::cli::LoadConfigFile(flags.config_file, config); !loaded) {
      return choral::core::Fail(loaded.error());
    }
  }
  if (auto env = choral::cli::ApplyEnvironment(config); !env)
    return choral::core::Fail(env.error());
  if (!flags.listen.empty()) {
    if (auto s = choral::cli::SetListen(flags.listen, config); !s) {
      return choral::core::Fail(s.error());
    }
  }
  if (!flags.data_dir.empty()) config.data_dir = flags.data_dir;
  if (!flags.database_url.empty()) config.database_url = flags.database_url;
  if (!flags.web_root.empty()) config.web_root = flags.web_root;
  if (!flags.log_level.empty()) {
    if (auto s = choral::cli::CheckLogLevel(flags.log_level); !s) {
      return choral::core::Fail(s.error());
    }
    config.log_level = flags.log_level;
  }
  if (auto s = choral::cli::CheckMailSettings(config); !s) return choral::core::Fail(s.error());
  return config;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Choral: e-invoicing exchange platform for public entities and their suppliers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "choral 0.1.0");

  CommonFlags flags;
  CLI::App* serve = app.add_subcommand("serve", "run the web portal and the APIs");
  AddStoreFlags(serve, flags);
  serve->add_option("--listen", flags.listen, "address to listen on, HOST:PORT (127.0.0.1:8080)");
  serve->add_option("--log-level", flags.log_level, "trace, debug, info, warn or error");
  serve->add_option("--web-root", flags.web_root, "folder holding the portal's static/ assets");

  CLI::App* admin = app.add_subcommand("admin", "look after the data");
  admin->require_subcommand(1);
  bool json = false;
  CLI::App* seed = admin->add_subcommand("seed-demo", "write demo structures and accounts");
  AddStoreFlags(seed, flags);
  seed->add_flag("--json", json, "print the report (and the demo logins) as JSON");
  CLI::App* verify = admin->add_subcommand("verify", "check the audit chain and every stored file");
  AddStoreFlags(verify, flags);
  std::string directory_file;
  CLI::App* import_directory = admin->add_subcommand(
      "import-directory", "create or update public structures and services from a CSV file");
  AddStoreFlags(import_directory, flags);
  import_directory->add_flag("--json", json, "print the report as JSON");
  import_directory->add_option("file", directory_file, "CSV file (see README)")->required();

  // Hidden (no description): for the authorization matrix test, not for operators.
  CLI::App* routes = admin->add_subcommand("routes", "")->group("");
  AddStoreFlags(routes, flags);
  routes->add_flag("--json", json, "JSON (the only output format)");

  std::vector<std::string> extract_files;
  bool extract_json = true;
  CLI::App* extract =
      app.add_subcommand("extract", "read invoice PDFs: one JSON object per file on stdout");
  extract->add_flag("--json", extract_json, "JSON lines (the only output format so far)");
  extract->add_option("files", extract_files, "PDF files")->required();

  std::vector<std::string> validate_files;
  bool validate_json = false;
  std::string schema_dir;
  CLI::App* validate = app.add_subcommand(
      "validate", "check structured invoices (UBL, CII, Factur-X PDF) against EN 16931");
  validate->add_option("--config", flags.config_file, "TOML configuration file")
      ->envname("CHORAL_CONFIG");
  validate->add_flag("--json", validate_json, "one JSON object per file per line");
  validate->add_option("--schemas", schema_dir,
                       "XSD folder (fr-rfe layout: UBL/1xsd_UBL2.1, CII/1xsd-CII_D22B_uncoupled)");
  validate->add_option("files", validate_files, "UBL or CII XML files, Factur-X PDFs")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (*extract) return choral::cli::RunExtract(extract_files);

  auto config = ResolveConfig(flags);
  if (!config) {
    choral::cli::PrintFatal(config.error().message);
    return 2;
  }
  if (!schema_dir.empty()) config->schema_dir = schema_dir;
  if (*validate) return choral::cli::RunValidate(*config, validate_files, validate_json);
  if (*serve) return choral::cli::RunServe(*config);
  if (*seed) return choral::cli::RunSeedDemo(*config, json);
  if (*routes) return choral::cli::RunRoutes(*config);
  if (*verify) return choral::cli::RunVerify(*config);
  if (*import_directory) return choral::cli::RunImportDirectory(*config, directory_file, json);
  return 2;
}
