// "Vérifier une facture" (pages.h): anyone uploads a UBL, CII or Factur-X file and sees what the
// EN 16931 check finds, next to the XML's lines. Nothing is stored or deposited.
#include <string>
#include <vector>

#include "http/multipart.h"
#include "portal/pages.h"

namespace choral::portal {
namespace {

using core::ErrorCode;

// The largest file accepted: a Factur-X PDF can be a few MB; an XML invoice is far smaller.
constexpr size_t kMaxCheckedFileBytes = 10 * 1024 * 1024;
constexpr std::string_view kFileField = "facture";

// Why a file could not be checked, as the page says it.
std::string_view ProblemKey(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "check.error_refused";
    case ErrorCode::kUnsupported:
      return "check.error_unsupported";
    case ErrorCode::kResourceExhausted:
      return "check.error_busy";
    default:
      return "check.error_unreadable";
  }
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// The report as the template shows it: verdict, findings linked to their line, and the XML with
// the lines a finding points at marked.
mstch::map ReportData(const Catalogue& catalogue, const std::string& file_name,
                      const platform::ValidationReport& report) {
  int fatal = 0, warnings = 0;
  std::vector<bool> flagged;
  std::vector<std::string> lines = SplitLines(report.xml);
  flagged.resize(lines.size() + 1, false);
  mstch::array findings;
  for (const invoice::ValidationFinding& finding : report.findings) {
    bool is_fatal = finding.flag == invoice::FindingFlag::kFatal;
    (is_fatal ? fatal : warnings) += 1;
    bool has_line = finding.line > 0 && static_cast<size_t>(finding.line) <= lines.size();
    if (has_line) flagged[static_cast<size_t>(finding.line)] = true;
    findings.push_back(mstch::map{
        {"rule", finding.rule},
        {"fatal", is_fatal},
        {"flag", std::string(catalogue.Text(is_fatal ? "check.flag_fatal" : "check.flag_warning"))},
        {"message", finding.message},
        {"xpath", finding.xpath},
        {"has_line", has_line},
        {"line", std::to_string(finding.line)},
    });
  }
  mstch::array xml_lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    xml_lines.push_back(mstch::map{{"number", std::to_string(i + 1)},
                                   {"text", lines[i]},
                                   {"flagged", static_cast<bool>(flagged[i + 1])}});
  }
  std::string syntax = report.syntax == "ubl"   ? "UBL 2.1"
                       : report.syntax == "cii" ? "UN/CEFACT CII"
                                                : "Factur-X / ZUGFeRD (PDF + CII)";
  return mstch::map{
      {"file_name", file_name},
      {"syntax", syntax},
      {"has_profile", !report.profile.empty()},
      {"profile", report.profile},
      {"valid", report.valid},
      {"summary", catalogue.Format("check.summary", {{"fatal", std::to_string(fatal)},
                                                     {"warnings", std::to_string(warnings)}})},
      {"has_findings", !findings.empty()},
      {"findings", std::move(findings)},
      {"xml_lines", std::move(xml_lines)},
  };
}

}  // namespace

http::Response Pages::CheckPage(const std::string& csrf, std::string_view error_key,
                                mstch::map report, int status) const {
  const Catalogue& catalogue = renderer_.catalogue();
  Page page{
      "check_invoice", std::string(catalogue.Text("check.title")), NavEntry::kNone, {}, status};
  page.data = mstch::map{
      {"csrf_token", csrf},
      {"has_error", !error_key.empty()},
      {"error", std::string(error_key.empty() ? "" : catalogue.Text(error_key))},
      {"has_report", !report.empty()},
      {"report", std::move(report)},
  };
  return renderer_.Render(page, nullptr);
}

http::Response Pages::CheckInvoiceForm(const http::Request& request) {
  bool fresh = false;
  std::string csrf = AnonymousCsrf(request, fresh);
  http::Response response = CheckPage(csrf, "", {}, 200);
  if (fresh) response.AddHeader("Set-Cookie", Cookie(kLoginCsrfCookie, csrf, request, -1));
  return response;
}

http::Response Pages::CheckInvoice(const http::Request& request) {
  auto form = http::Multipart::Parse(request.Header("content-type"), request.body,
                                     {.max_parts = 4, .max_part_bytes = kMaxCheckedFileBytes});
  std::optional<std::string> cookie = request.Cookie(kLoginCsrfCookie);
  if (!form) {
    if (form.error().code == ErrorCode::kInvalidArgument && cookie) {
      return CheckPage(*cookie, "check.error_too_big", {}, 413);
    }
    return ErrorPage(form.error(), request, nullptr);
  }
  if (!cookie || !CsrfMatches(form->Get(kCsrfField), *cookie)) {
    return ErrorPage(
        core::Error{ErrorCode::kPermissionDenied, "invoice check form's CSRF token does not match"},
        request, nullptr);
  }
  const http::MultipartPart* file = form->Find(kFileField);
  if (file == nullptr || !file->filename || file->body.empty()) {
    return CheckPage(*cookie, "check.error_no_file", {}, 422);
  }
  auto report = platform_.invoice_validator().Validate(file->body);
  if (!report) {
    return CheckPage(*cookie, ProblemKey(report.error().code), {},
                     report.error().code == ErrorCode::kResourceExhausted ? 429 : 422);
  }
  return CheckPage(*cookie, "", ReportData(renderer_.catalogue(), *file->filename, *report), 200);
}

}  // namespace choral::portal
