// The downloads of Pages (pages.h): an invoice's deposited PDF, and the invoice lists as CSV.
#include <algorithm>
#include <charconv>

#include "http/form.h"
#include "portal/csv.h"
#include "portal/invoice_search_form.h"
#include "portal/page_params.h"
#include "portal/pages.h"

namespace choral::portal {
namespace {

// The most rows a CSV export carries, read 200 at a time.
constexpr int kMaxCsvRows = 10'000;
constexpr int kCsvPageSize = 200;

}  // namespace

http::Response Pages::InvoicePdf(const http::Request& request) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  std::optional<core::InvoiceId> id = InvoiceIdOf(request);
  if (!id) return NotFound(request);
  auto pdf = platform_.invoices().Pdf(**actor, *id);
  if (!pdf) return ErrorPage(pdf.error(), request, &**actor);
  http::Response response;
  response.body = std::move(pdf->bytes);
  response.AddHeader("Content-Type", pdf->media_type);
  // The platform's name holds only [A-Za-z0-9._-]: nothing to escape. A supplier's XML is
  // downloaded, never shown inline: a browser would run the scripts an XML document can carry.
  const bool inline_view = pdf->media_type == "application/pdf";
  response.AddHeader("Content-Disposition", std::string(inline_view ? "inline" : "attachment") +
                                                "; filename=\"" + pdf->file_name + "\"");
  response.AddHeader("X-Content-Type-Options", "nosniff");
  response.AddHeader("Cache-Control", "private, no-store");
  return response;
}

http::Response Pages::InvoiceListCsv(const http::Request& request, platform::InvoiceSpace space) {
  auto actor = CurrentActor(request);
  if (!actor) return ErrorPage(actor.error(), request, nullptr);
  if (!*actor) return http::Response::Redirect("/login");
  const platform::Actor& who = **actor;
  std::string_view file_name;
  bool allowed = false;
  switch (space) {
    case platform::InvoiceSpace::kSent:
      file_name = "factures-emises.csv", allowed = who.ActsForSupplier();
      break;
    case platform::InvoiceSpace::kReceived:
      file_name = "factures-recues.csv", allowed = who.ActsForPublicEntity();
      break;
    case platform::InvoiceSpace::kToProcess:
      file_name = "factures-a-traiter.csv";
      allowed = who.ActsForSupplier() || who.ActsForPublicEntity();
      break;
  }
  if (!allowed) {
    return ErrorPage({core::ErrorCode::kPermissionDenied, "no structure on that side"}, request,
                     &who);
  }
  // The same criteria and sort as the list page the link came from.
  auto query = http::Form::Parse(request.query);
  if (!query) return ErrorPage(query.error(), request, &who);
  InvoiceSearchForm form = ParseInvoiceSearchForm(renderer_.catalogue(), *query, space);
  if (!form.errors.empty()) {
    return ErrorPage({core::ErrorCode::kInvalidArgument, form.errors.front().message}, request,
                     &who);
  }
  platform::InvoiceSearch search = form.search;
  search.page_size = kCsvPageSize;
  std::vector<platform::InvoiceSummaryView> rows;
  for (search.page = 1; static_cast<int>(rows.size()) < kMaxCsvRows; ++search.page) {
    auto list = platform_.invoices().Search(who, search);
    if (!list) return ErrorPage(list.error(), request, &who);
    size_t room = static_cast<size_t>(kMaxCsvRows) - rows.size();
    size_t take = std::min(room, list->invoices.size());
    rows.insert(rows.end(), std::make_move_iterator(list->invoices.begin()),
                std::make_move_iterator(list->invoices.begin() + static_cast<ptrdiff_t>(take)));
    if (list->invoices.size() < static_cast<size_t>(kCsvPageSize) ||
        static_cast<int64_t>(rows.size()) >= list->total) {
      break;
    }
  }
  http::Response response;
  response.body = portal::InvoiceListCsv(renderer_.catalogue(), rows);
  response.AddHeader("Content-Type", "text/csv; charset=utf-8");
  response.AddHeader("Content-Disposition",
                     "attachment; filename=\"" + std::string(file_name) + "\"");
  response.AddHeader("X-Content-Type-Options", "nosniff");
  response.AddHeader("Cache-Control", "private, no-store");
  return response;
}

http::Response Pages::SentInvoicesCsv(const http::Request& request) {
  return InvoiceListCsv(request, platform::InvoiceSpace::kSent);
}

http::Response Pages::ReceivedInvoicesCsv(const http::Request& request) {
  return InvoiceListCsv(request, platform::InvoiceSpace::kReceived);
}

http::Response Pages::InvoicesToProcessCsv(const http::Request& request) {
  return InvoiceListCsv(request, platform::InvoiceSpace::kToProcess);
}

}  // namespace choral::portal
