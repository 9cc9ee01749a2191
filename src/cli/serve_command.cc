#include <unistd.h>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/flow_job.h"
#include "cli/logging.h"
#include "cli/mail_job.h"
#include "cli/reminder_job.h"
#include "cli/route_table.h"
#include "core/clock.h"
#include "formats/xsd_validator.h"
#include "http/server.h"
#include "mail/smtp_sender.h"
#include "platform/mail_dispatcher.h"
#include "platform/platform.h"
#include "store/store.h"

namespace choral::cli {
namespace {

// What sends the outbox: the SMTP sender, the dispatcher and its thread, in the order they are
// built and the reverse of the order they stop.
struct MailDelivery {
  std::unique_ptr<mail::SmtpSender> sender;
  std::unique_ptr<platform::MailDispatcher> dispatcher;
  std::unique_ptr<MailJob> job;
};

// Starts sending the outbox, or logs once that mail is not sent when no SMTP host is set.
MailDelivery StartMailDelivery(const Config& config, uint16_t port, store::Store& store,
                               const core::Clock& clock,
                               const std::shared_ptr<spdlog::logger>& logger) {
  MailDelivery delivery;
  if (config.smtp.host.empty()) {
    logger->warn(nlohmann::json{{"msg",
                                 "no [smtp] host configured: e-mail notifications are not sent "
                                 "(the outbox keeps them, the portal shows them)"}}
                     .dump());
    return delivery;
  }
  mail::SmtpOptions smtp;
  smtp.host = config.smtp.host;
  smtp.port = config.smtp.port;
  smtp.security = mail::ParseSmtpSecurity(config.smtp.security).value();  // checked at load
  smtp.username = config.smtp.username;
  smtp.password = config.smtp.password;
  delivery.sender = std::make_unique<mail::SmtpSender>(smtp);

  platform::MailDispatchOptions options;
  options.from_address = config.smtp.from;
  options.public_url = config.mail.public_url.empty()
                           ? "http://" + config.host + ":" + std::to_string(port)
                           : config.mail.public_url;
  options.retry_delay = std::chrono::seconds(config.mail.retry_seconds);
  options.max_attempts = config.mail.max_attempts;
  // The lease must outlast a send, or a slow one could be claimed and sent again meanwhile.
  options.lease = std::max(options.lease, 2 * smtp.connect_timeout + 2 * smtp.timeout);
  delivery.dispatcher =
      std::make_unique<platform::MailDispatcher>(store, clock, *delivery.sender, options);
  delivery.job = std::make_unique<MailJob>(*delivery.dispatcher,
                                           std::chrono::seconds(config.mail.poll_seconds), logger);
  logger->info(nlohmann::json{{"msg", "sending mail"},
                              {"smtp", delivery.sender->Url()},
                              {"from", options.from_address},
                              {"public_url", options.public_url}}
                   .dump());
  return delivery;
}

}  // namespace

int RunServe(const Config& config) {
  auto logger = MakeJsonLogger(config.log_level);
  core::SystemClock clock;
  store::StoreOptions store_options;
  store_options.data_dir = config.data_dir;
  store_options.database_url = config.database_url;
  store_options.read_connections = std::max(2, config.worker_threads);
  auto store = store::Store::Open(store_options, clock);
  if (!store) {
    PrintFatal(store.error().message);
    return 1;
  }
  // Flows are validated against the schemas first, as `choral validate` does.
  auto schemas = LoadSchemas(config);
  if (!schemas) {
    PrintFatal(schemas.error().message);
    return 1;
  }
  platform::PlatformOptions platform_options;
  platform_options.pdf_readers.size = config.pdf_workers;
  platform_options.xsd = *schemas ? &**schemas : nullptr;
  platform::Platform platform(**store, clock, std::move(platform_options));

  http::Routes routes;
  if (auto registered = RegisterAllRoutes(routes, platform, config); !registered) {
    PrintFatal(registered.error().message);
    return 1;
  }

  http::ServerOptions server_options;
  server_options.host = config.host;
  server_options.port = config.port;
  server_options.io_threads = config.io_threads;
  server_options.worker_threads = config.worker_threads;
  server_options.behind_tls_proxy = config.behind_tls_proxy;
  http::Server server(server_options, std::move(routes), logger);
  if (auto listening = server.Listen(); !listening) {
    PrintFatal(listening.error().message);
    return 1;
  }
  logger->info(nlohmann::json{
      {"msg", "listening"},
      {"address", "http://" + config.host + ":" + std::to_string(server.port())},
      {"database", (*store)->backend_name()},
      {"database_url", RedactDatabaseUrl(config.database_url)},
      {"data", config.data_dir},
      {"web_root", FindWebRoot(config.web_root)},
      {"pid",
       ::getpid()}}.dump());
  MailDelivery mail_delivery = StartMailDelivery(config, server.port(), **store, clock, logger);
  ReminderJob reminders(platform.api_access(), std::chrono::hours(24), logger);
  // Flows are polled often: a depositor watches its flow's state move.
  FlowJob flows(platform.flow_processor(), std::chrono::milliseconds(500), logger);
  auto ran = server.Run();
  // Joined here, while the store they write to is still open.
  flows.Stop();
  reminders.Stop();
  if (mail_delivery.job) mail_delivery.job->Stop();
  logger->info(nlohmann::json{{"msg", "stopped"}}.dump());
  logger->flush();
  if (!ran) {
    PrintFatal(ran.error().message);
    return 1;
  }
  return 0;
}

}  // namespace choral::cli
