// TextReport: a plain A4 PDF of titled, wrapped lines (reports Choral hands out: a flow's compte
// rendu...). The caller composes the words; this draws them with cairo, breaking long lines at
// spaces and pages when full. Knows nothing of what the words mean.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace choral::pdf {

struct ReportLine {
  enum class Style { kTitle, kHeading, kBody, kSmall };
  Style style = Style::kBody;
  std::string text;  // UTF-8
  int indent = 0;    // steps of 12 points
};

// The PDF's bytes; `title` goes into its metadata. kInternal when cairo fails. Thread-safe.
core::Result<std::string> WriteTextReport(const std::vector<ReportLine>& lines,
                                          std::string_view title);

}  // namespace choral::pdf
