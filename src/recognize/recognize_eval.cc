// recognize_eval: measures the recognizer on a corpus with ground truth (shared/corpus/pdf/
// truth.jsonl): per field, how many visible values are found right, found wrong, or missed, and
// the list of misses. A developer's tool, not a test: `recognize_eval CORPUS_DIR [-v]`.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/decimal.h"
#include "pdf/extract.h"
#include "recognize/keyword_lexicon.h"
#include "recognize/page_layout.h"
#include "recognize/recognizer.h"
#include "recognize/scoring.h"

namespace {

using choral::recognize::Field;

bool IsAmountField(Field f) {
  return f == Field::kTotalWithoutVat || f == Field::kTotalVat || f == Field::kTotalWithVat ||
         f == Field::kAmountDue;
}

std::string Compact(const std::string& s, bool digits_only) {
  std::string out;
  for (char c : s) {
    if (digits_only ? (c >= '0' && c <= '9') : (c != ' ' && c != '.' && c != '-')) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::string TruthText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// A name as tests/corpus/extract_corpus.test.mjs compares it: normalised, without a courtesy
// title before it nor a legal form after it ("Herrn Max Mustermann", "Au bon moulin SARL"),
// unless nothing else remains.
std::string ComparableName(const std::string& name) {
  static const std::set<std::string> kTitles = {
      "herr", "herrn", "frau", "monsieur", "madame", "mademoiselle", "mme",
      "mlle", "m",     "mr",   "mrs",      "ms",     "dhr",          "mevr"};
  static const std::set<std::string> kForms = {
      "sarl", "sas",     "sasu", "sa",  "eurl", "sci",  "snc", "gmbh", "ag",  "kg", "ug",
      "ltd",  "limited", "llc",  "inc", "plc",  "corp", "bv",  "nv",   "srl", "spa"};
  // Dots and apostrophes vanish (as in the test) rather than split: "S.A.R.L." is "sarl".
  std::string joined;
  for (char c : name) {
    if (c != '.' && c != '\'') joined += c;
  }
  auto tokens = choral::recognize::NormalizeTokens(joined);
  if (tokens.size() > 1 && kTitles.count(tokens.front())) tokens.erase(tokens.begin());
  if (tokens.size() > 1 && kForms.count(tokens.back())) tokens.pop_back();
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

// "right", "sign" (right but for the sign a credit note takes by contract) or "wrong".
std::string Compare(Field field, const std::string& expected, const std::string& found) {
  switch (field) {
    case Field::kSellerSiret:
    case Field::kSellerSiren:
    case Field::kBuyerSiret:
    case Field::kBuyerSiren:
      return Compact(expected, true) == Compact(found, true) ? "right" : "wrong";
    case Field::kSellerVat:
    case Field::kBuyerVat:
    case Field::kIban:
    case Field::kCurrency:
      return Compact(expected, false) == Compact(found, false) ? "right" : "wrong";
    default:
      break;
  }
  if (IsAmountField(field)) {
    auto e = choral::core::Decimal::Parse(expected);
    auto f = choral::core::Decimal::Parse(found);
    if (!e || !f) return "wrong";
    if (e->Round(2) == f->Round(2)) return "right";
    if (e->Round(2) == -f->Round(2)) return "sign";
    return "wrong";
  }
  if (field == Field::kSellerName || field == Field::kBuyerName) {
    return ComparableName(expected) == ComparableName(found) ? "right" : "wrong";
  }
  auto fold = [](std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return fold(expected) == fold(found) ? "right" : "wrong";
}

}  // namespace

// Prints the layout the recognizer sees: segments by line, with blocks, boxes and labels.
int Dump(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto text = choral::pdf::ExtractText(bytes.str());
  if (!text) {
    std::cerr << text.error().message << "\n";
    return 1;
  }
  choral::recognize::KeywordLexicon lexicon;
  for (const auto& page : text->pages) {
    const auto layout = choral::recognize::BuildPageLayout(page);
    const auto labels = choral::recognize::FindLabels(layout, lexicon);
    std::printf("== page %d (%.0f x %.0f)\n", page.number, page.width, page.height);
    for (size_t l = 0; l < layout.lines.size(); ++l) {
      for (int s : layout.lines[l].segments) {
        const auto& seg = layout.segments[s];
        std::printf("L%-3zu S%-4d B%-3d [%5.1f %5.1f %5.1f %5.1f] %s", l, s, seg.block, seg.box.x0,
                    seg.box.y0, seg.box.x1, seg.box.y1, seg.text.c_str());
        for (const auto& label : labels) {
          if (label.segment == s) {
            std::printf("  <%s:%d>", label.text.c_str(), static_cast<int>(label.cue()));
          }
        }
        std::printf("\n");
      }
    }
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: recognize_eval CORPUS_DIR [-v] | recognize_eval --dump FILE.pdf\n";
    return 2;
  }
  if (std::string(argv[1]) == "--dump" && argc > 2) return Dump(argv[2]);
  const std::string dir = argv[1];
  const bool verbose = argc > 2 && std::string(argv[2]) == "-v";
  std::ifstream truth_file(dir + "/truth.jsonl");
  if (!truth_file) {
    std::cerr << "cannot read " << dir << "/truth.jsonl\n";
    return 1;
  }
  choral::recognize::Recognizer recognizer;
  struct Counts {
    int right = 0, sign = 0, wrong = 0, missed = 0;
  };
  std::map<Field, Counts> counts;
  std::vector<std::string> problems;
  int scans = 0, scans_detected = 0, false_scans = 0, confident_wrong_siret = 0, files = 0;
  std::string line;
  while (std::getline(truth_file, line)) {
    if (line.empty()) continue;
    const auto row = nlohmann::json::parse(line);
    const std::string file = row["file"];
    std::ifstream in(dir + "/" + file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto text = choral::pdf::ExtractText(bytes.str());
    ++files;
    if (!text) {
      problems.push_back(file + ": cannot read: " + text.error().message);
      continue;
    }
    const bool scanned = row.value("is_scanned", false);
    if (scanned) {
      ++scans;
      if (text->is_scanned) ++scans_detected;
      continue;
    }
    if (text->is_scanned) ++false_scans;
    const auto recognition = recognizer.Recognize(*text);
    const auto& visible = row["visible"];
    for (Field field : choral::recognize::AllFields()) {
      const std::string name(choral::recognize::FieldName(field));
      if (!visible.contains(name) || !visible[name].get<bool>() || !row.contains(name)) continue;
      const std::string expected = TruthText(row[name]);
      const auto* found = recognition.Find(field);
      Counts& c = counts[field];
      if (!found) {
        ++c.missed;
        problems.push_back(file + ": " + name + " missed (expected \"" + expected + "\")");
        continue;
      }
      const std::string verdict = Compare(field, expected, found->value);
      char confidence[16];
      std::snprintf(confidence, sizeof confidence, "%.2f", found->confidence);
      if (verdict == "right") {
        ++c.right;
      } else if (verdict == "sign") {
        ++c.sign;
      } else {
        ++c.wrong;
        if ((field == Field::kSellerSiret || field == Field::kBuyerSiret) &&
            found->confidence >= 0.9) {
          ++confident_wrong_siret;
        }
        problems.push_back(file + ": " + name + " wrong: \"" + found->value + "\" (" + confidence +
                           ", anchor \"" + found->anchor + "\") expected \"" + expected + "\"");
      }
    }
    if (verbose) {
      std::cout << file << "\n";
      for (const auto& [field, value] : recognition.fields) {
        std::printf("  %-18s %-30s %.2f p%d [%s]\n",
                    std::string(choral::recognize::FieldName(field)).c_str(), value.value.c_str(),
                    value.confidence, value.page, value.anchor.c_str());
      }
    }
  }
  for (const auto& p : problems) std::cout << p << "\n";
  std::printf("\n%-18s %6s %6s %6s %6s %7s\n", "field", "right", "sign*", "wrong", "missed",
              "right%");
  Counts all;
  for (Field field : choral::recognize::AllFields()) {
    if (!counts.count(field)) continue;
    const Counts& c = counts[field];
    const int n = c.right + c.sign + c.wrong + c.missed;
    std::printf("%-18s %6d %6d %6d %6d %6.1f%%\n",
                std::string(choral::recognize::FieldName(field)).c_str(), c.right, c.sign, c.wrong,
                c.missed, 100.0 * (c.right + c.sign) / n);
    all.right += c.right;
    all.sign += c.sign;
    all.wrong += c.wrong;
    all.missed += c.missed;
  }
  const int n = all.right + all.sign + all.wrong + all.missed;
  std::printf("%-18s %6d %6d %6d %6d %6.1f%%\n", "ALL", all.right, all.sign, all.wrong, all.missed,
              100.0 * (all.right + all.sign) / std::max(1, n));
  std::printf(
      "\nfiles %d; scans detected %d/%d; native files taken for scans %d; wrong SIRET with "
      "confidence >= 0.9: %d\n* sign: a credit note's amount, negative by the extract contract, "
      "where the truth (from the XML) is positive\n",
      files, scans_detected, scans, false_scans, confident_wrong_siret);
  return 0;
}
