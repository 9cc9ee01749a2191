#include "recognize/recognizer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "recognize/candidates.h"
#include "recognize/cross_checks.h"
#include "recognize/keyword_lexicon.h"
#include "recognize/page_layout.h"
#include "recognize/scoring.h"

namespace choral::recognize {
namespace {

struct PageData {
  PageLayout layout;
  std::vector<Label> labels;
  std::vector<Candidate> candidates;
  // For each word, the typed candidate covering it (-1: none).
  std::vector<int> candidate_of_word;
};

// A possible value for a field, with the evidence behind it.
struct Option {
  Option() = default;
  Option(std::string value_in, double score_in, int page_in, pdf::Box box_in, std::string anchor_in,
         int id_in = -1, std::optional<core::Decimal> amount_in = {})
      : value(std::move(value_in)),
        score(score_in),
        page(page_in),
        box(box_in),
        anchor(std::move(anchor_in)),
        id(id_in),
        amount(amount_in) {}

  std::string value;
  double score = 0;  // label strength x placement, about [0, 1]
  int page = 0;      // index into the pages
  pdf::Box box;
  std::string anchor;
  int id = -1;  // a handle on the value's source (page * 100000 + candidate), -1 for none
  std::optional<core::Decimal> amount;
  Party party = Party::kUnknown;
  bool party_explicit = false;  // the label named the party ("SIRET client")
  bool checked = true;          // the value passed its checksum
};

double Clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

bool IsAmountCue(Cue cue) {
  return cue == Cue::kTotalWithoutVat || cue == Cue::kTotalVat || cue == Cue::kTotalWithVat ||
         cue == Cue::kAmountDue || cue == Cue::kPrepaid || cue == Cue::kOutstanding ||
         cue == Cue::kOtherReference;
}
bool IsDateCue(Cue cue) {
  return cue == Cue::kIssueDate || cue == Cue::kDueDate || cue == Cue::kOtherReference;
}
bool IsIdentifierCue(Cue cue) {
  return cue == Cue::kSiret || cue == Cue::kSiren || cue == Cue::kVat ||
         cue == Cue::kOtherReference || cue == Cue::kIban;
}
bool IsReferenceCue(Cue cue) {
  return cue == Cue::kInvoiceNumber || cue == Cue::kInvoiceTitle || cue == Cue::kCreditNoteTitle ||
         cue == Cue::kOrderReference || cue == Cue::kContractReference ||
         cue == Cue::kBuyerReference || cue == Cue::kOtherReference || cue == Cue::kSiret ||
         cue == Cue::kSiren || cue == Cue::kVat || cue == Cue::kIssueDate || cue == Cue::kDueDate;
}

// A bare preposition ("du", "vom", "le") dates the invoice only in the invoice's own title line
// ("Facture n° 12 du ...", "Rechnung Nr. 5 vom ..."); elsewhere it dates a letter, an order or a
// stay ("Chambre du 09/08 au 15/08", "Ihr Schreiben vom 10.09.").
bool AnnouncesInvoiceDate(const PageData& page, const Label& label) {
  if (label.keyword->strength >= 0.5) return true;
  for (const auto& other : page.labels) {
    if (other.segment != label.segment || other.first_word == label.first_word) continue;
    const Cue cue = other.cue();
    if ((cue == Cue::kInvoiceNumber && other.keyword->strength >= 0.5) ||
        cue == Cue::kInvoiceTitle || cue == Cue::kCreditNoteTitle) {
      const auto& words = page.layout.segments[label.segment].words;
      if (std::find(words.begin(), words.end(), other.last_word) <
          std::find(words.begin(), words.end(), label.first_word)) {
        return true;
      }
    }
  }
  return false;
}

// The score `label` earns for the value at words [first, last]: its strength times the value's
// placement, cut when a label of another cue (among `competing`) sits better with the value,
// since a value answers the nearest label.
template <typename Competing>
double LabelScore(const PageData& page, const Label& label, int first, int last,
                  Competing competing, Placement* placement_out = nullptr) {
  const Placement placement = Place(page.layout, label, first, last);
  if (placement_out) *placement_out = placement;
  if (placement.score <= 0) return 0;
  double best_other = 0;
  for (const auto& other : page.labels) {
    // Weak generic labels ("no", "du", "total") do not take a value from a real one.
    if (&other == &label || other.cue() == label.cue() || !competing(other.cue()) ||
        other.keyword->strength < 0.5) {
      continue;
    }
    best_other = std::max(best_other, Place(page.layout, other, first, last).score);
  }
  double score = label.keyword->strength * placement.score;
  if (best_other > placement.score + 0.02) score *= 0.25;
  return score;
}

// The best label of `cue` for the value at words [first, last], and its score.
template <typename Competing>
double BestLabel(const PageData& page, Cue cue, int first, int last, Competing competing,
                 const Label** best_label) {
  double best = 0;
  for (const auto& label : page.labels) {
    if (label.cue() != cue) continue;
    const double s = LabelScore(page, label, first, last, competing);
    if (s > best) {
      best = s;
      if (best_label) *best_label = &label;
    }
  }
  return best;
}

std::vector<Option> Top(std::vector<Option> options, size_t n) {
  std::stable_sort(options.begin(), options.end(),
                   [](const Option& a, const Option& b) { return a.score > b.score; });
  if (options.size() > n) options.resize(n);
  return options;
}

bool HasLetters(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

// "Ministère" announces a public buyer and starts its name ("Ministère des Armées").
bool StartsName(const Keyword& keyword) {
  return keyword.cue == Cue::kBuyerParty && keyword.tokens.size() == 1 &&
         keyword.tokens.front() == "ministere";
}

// Cuts a line down to the name it starts with: "Au bon moulin SARL - 1242 chemin..." -> the part
// before the dash; trailing colons and spaces go.
std::string NamePart(std::string text) {
  for (std::string_view cut : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " | ", ", ",
                               " \xE2\x80\xA2 ", " \xE2\x97\x8F ", " \xC2\xB7 "}) {
    const size_t at = text.find(cut);
    if (at != std::string::npos && at > 0) text = text.substr(0, at);
  }
  while (!text.empty() && (text.back() == ':' || text.back() == ' ' || text.back() == ',')) {
    text.pop_back();
  }
  while (!text.empty() && (text.front() == ':' || text.front() == ' ')) text.erase(0, 1);
  return text;
}

const std::set<std::string, std::less<>>& NonNameWords() {
  static const std::set<std::string, std::less<>> words = {"tel",
                                                           "telephone",
                                                           "fax",
                                                           "email",
                                                           "mail",
                                                           "e",
                                                           "www",
                                                           "http",
                                                           "https",
                                                           "contact",
                                                           "iban",
                                                           "bic",
                                                           "swift",
                                                           "page",
                                                           "seite",
                                                           "france",
                                                           "deutschland",
                                                           "germany",
                                                           "allemagne",
                                                           "belgique",
                                                           "belgium",
                                                           "nederland",
                                                           "schweiz",
                                                           "suisse",
                                                           "luxembourg",
                                                           "italia",
                                                           "espana",
                                                           "austria",
                                                           "osterreich",
                                                           "phone",
                                                           "mobile",
                                                           "gln",
                                                           "ean",
                                                           "nummer",
                                                           "globale",
                                                           "kontakt",
                                                           "ansprechpartner",
                                                           "adresse",
                                                           "address",
                                                           "attn",
                                                           "z",
                                                           "hd",
                                                           "rue",
                                                           "avenue",
                                                           "strasse",
                                                           "str",
                                                           "bd",
                                                           "boulevard",
                                                           "chemin",
                                                           "place",
                                                           "impasse",
                                                           "allee",
                                                           "route",
                                                           "cedex",
                                                           "bp",
                                                           "cs",
                                                           "postfach",
                                                           "description",
                                                           "designation",
                                                           "total",
                                                           "date",
                                                           "datum",
                                                           "qte"};
  return words;
}

const std::set<std::string, std::less<>>& LegalForms() {
  static const std::set<std::string, std::less<>> forms = {
      "sarl", "sas",  "sasu", "sa",   "eurl", "sci", "snc", "scop",    "selarl", "gmbh",
      "ag",   "kg",   "ohg",  "ug",   "gbr",  "ek",  "ltd", "limited", "llc",    "inc",
      "plc",  "corp", "bv",   "nv",   "sprl", "srl", "spa", "ab",      "as",     "oy",
      "sl",   "co",   "ev",   "kgaa", "sca",  "gie", "llp", "vof"};
  return forms;
}

// A company name's legal form among its tokens ("ACME SAS", "Muster GmbH & Co. KG"), also when
// printed with dots between its letters ("S.A.R.L.", "a.G.", "e.V.").
bool HasLegalForm(const std::vector<std::string>& tokens) {
  std::string letters;
  for (const auto& t : tokens) {
    if (LegalForms().count(t)) return true;
    if (t.size() == 1 && t[0] >= 'a' && t[0] <= 'z') {
      letters += t;
      if (letters.size() >= 2 && LegalForms().count(letters)) return true;
    } else {
      letters.clear();
    }
  }
  return false;
}

// "Herrn", "Monsieur", "Mr": the words that open an addressee's address.
const std::set<std::string, std::less<>>& CourtesyTitles() {
  static const std::set<std::string, std::less<>> titles = {
      "herr", "herrn", "frau", "monsieur", "madame", "mademoiselle", "mme",  "mlle",
      "m",    "mr",    "mrs",  "ms",       "messrs", "dhr",          "mevr", "messieurs"};
  return titles;
}

// A street line of a postal address: "35 rue de la mer", "12 Main Street", "Lieferantenstraße 20",
// "Kundenstr. 15", "BP 123".
bool IsStreetLine(const std::vector<std::string>& tokens) {
  static const std::set<std::string, std::less<>> kStreetWords = {
      "rue",     "avenue", "av",      "bd",     "boulevard", "chemin", "place",   "allee",
      "impasse", "route",  "quai",    "cours",  "faubourg",  "square", "voie",    "passage",
      "street",  "st",     "road",    "rd",     "ave",       "lane",   "drive",   "way",
      "blvd",    "court",  "straat",  "laan",   "plein",     "weg",    "platz",   "gasse",
      "ring",    "damm",   "strasse", "str",    "calle",     "camino", "avenida", "plaza",
      "paseo",   "via",    "viale",   "piazza", "corso",     "rua"};
  if (tokens.size() < 2) return false;
  auto is_number = [](const std::string& t) { return !t.empty() && t[0] >= '0' && t[0] <= '9'; };
  if (is_number(tokens[0])) {
    for (size_t k = 1; k < tokens.size() && k <= 3; ++k) {
      if (kStreetWords.count(tokens[k])) return true;
    }
  }
  for (size_t k = 0; k + 1 < tokens.size(); ++k) {
    const std::string& t = tokens[k];
    const bool german =
        t.size() > 6 && (t.ends_with("strasse") || t.ends_with("str") || t.ends_with("weg") ||
                         t.ends_with("platz") || t.ends_with("allee") || t.ends_with("gasse"));
    if ((german || kStreetWords.count(t)) && is_number(tokens[k + 1]) && k <= 3) return true;
  }
  return (tokens[0] == "bp" || tokens[0] == "postfach" || tokens[0] == "cs") &&
         is_number(tokens[1]);
}

// The sender's return address printed on one line above the window of an envelope, its parts
// parted by bullets ("ACME GmbH • Ecke 12 • 12345 Stadt"): no part of the address below it.
bool IsReturnAddressLine(const PageLayout& layout, int line) {
  int bullets = 0;
  for (int s : layout.lines[line].segments) {
    const std::string& text = layout.segments[s].text;
    for (std::string_view bullet : {"\xE2\x97\x8F", "\xE2\x80\xA2", "\xC2\xB7"}) {
      for (size_t at = text.find(bullet); at != std::string::npos;
           at = text.find(bullet, at + bullet.size())) {
        ++bullets;
      }
    }
  }
  return bullets >= 2;
}

// The words [first, last] of a segment, joined by single spaces.
std::string WordsText(const PageLayout& layout, int first, int last) {
  std::string text;
  bool inside = false;
  for (int w : layout.segments[layout.words[first].segment].words) {
    if (w == first) inside = true;
    if (inside) text += (text.empty() ? "" : " ") + layout.words[w].text;
    if (w == last) break;
  }
  return text;
}

// From word `first` to the end of its segment, when every word is a group of digits or a dash,
// dot or slash between groups ("05 158 004 - 11023 - 45", "4500 1234"): the words joined by
// single spaces. "" for a single word, a run holding letters, or one too short or too long to be
// a reference.
std::string DigitGroupRun(const PageLayout& layout, int first) {
  const auto& words = layout.segments[layout.words[first].segment].words;
  std::string run;
  int count = 0, digits = 0;
  bool inside = false;
  for (int w : words) {
    if (w == first) inside = true;
    if (!inside) continue;
    const std::string& text = layout.words[w].text;
    for (char c : text) {
      if (c >= '0' && c <= '9') {
        ++digits;
      } else if (c != '-' && c != '.' && c != '/') {
        return "";
      }
    }
    run += (run.empty() ? "" : " ") + text;
    ++count;
  }
  if (count < 2 || digits < 6 || run.size() > 30) return "";
  if (!(run.back() >= '0' && run.back() <= '9') || !(run.front() >= '0' && run.front() <= '9')) {
    return "";
  }
  return run;
}

// The language a page is written in, by its commonest function words: enough to tell the
// month-first English convention from the day-first others. "" when undecided.
std::string PageLanguage(const PageLayout& layout) {
  static const std::map<std::string, std::set<std::string, std::less<>>> kWords = {
      {"en",
       {"the", "and", "of", "to", "for", "invoice", "due", "amount", "payment", "please", "your",
        "with", "date", "total"}},
      {"fr",
       {"le", "la", "les", "des", "et", "facture", "du", "pour", "montant", "paiement", "votre",
        "avec", "date", "total"}},
      {"de",
       {"der", "die", "das", "und", "rechnung", "fur", "betrag", "zahlung", "ihre", "mit", "vom",
        "bis", "datum", "summe"}},
      {"nl",
       {"de", "het", "en", "van", "factuur", "voor", "bedrag", "betaling", "uw", "met", "datum",
        "totaal"}},
  };
  std::map<std::string, int> counts;
  for (const auto& word : layout.words) {
    for (const auto& token : word.tokens) {
      for (const auto& [language, words] : kWords) {
        if (words.count(token)) ++counts[language];
      }
    }
  }
  std::string best;
  int best_count = 0, second = 0;
  for (const auto& [language, count] : counts) {
    if (count > best_count) {
      second = best_count;
      best_count = count;
      best = language;
    } else if (count > second) {
      second = count;
    }
  }
  return best_count >= 3 && best_count > second ? best : "";
}

}  // namespace

struct Recognizer::Impl {
  RecognizerOptions options;
  KeywordLexicon lexicon;

  Recognition Run(const pdf::DocumentText& document) const;

 private:
  struct Context {
    std::vector<PageData> pages;
    bool credit_note = false;
    Recognition result;
  };

  void Emit(Context& ctx, Field field, const Option& option, double confidence) const {
    if (confidence < options.min_confidence || option.value.empty()) return;
    FoundValue found;
    found.value = option.value;
    found.confidence = Clamp01(confidence);
    found.page = ctx.pages[option.page].layout.page_number;
    found.box = option.box;
    found.anchor = option.anchor;
    ctx.result.fields[field] = std::move(found);
  }

  // Rereads the numeric dates that parse both ways ("03/04/2024") in the document's order.
  void ResolveDateOrder(Context& ctx) const;
  void DocumentType(Context& ctx) const;
  void InvoiceNumber(Context& ctx) const;
  void Dates(Context& ctx) const;
  void Totals(Context& ctx) const;
  void Identifiers(Context& ctx) const;
  void Names(Context& ctx) const;
  void References(Context& ctx) const;
  void Iban(Context& ctx) const;
  void Currency(Context& ctx) const;

  // Values (first word of) read near `label`: after it in its segment, in the next segment of
  // its line, or (unless `same_line_only`) at the start of the segments just below.
  std::vector<int> WordsNear(const PageData& page, const Label& label, bool same_line_only) const;
  // The party heading whose block holds the segment, if any.
  Party PartyOfSegment(const PageData& page, int segment, const Label** heading) const;
  bool IsNameLike(const PageData& page, int segment, std::string* name) const;
  // True when `segment` is a caption in a row of three cells or more holding no value: a
  // table's column header, whose values are the cells below it.
  bool IsHeaderCell(const PageData& page, int segment) const;
  // True when `segment` belongs to, or sits right under, a postal address in the top half of
  // the page that is the addressee's: greeted ("Herrn", "Monsieur") or not the page's first
  // address (letterheads put the sender's first).
  bool UnderAddressee(const PageData& page, int segment) const;
  // A name printed on two lines ("MVM Musterhafter / Versicherungsverein Musterstadt a.G."):
  // `name` (of `segment`) followed by the line right below it when that line, aligned and
  // close, is a name ending the company name with its legal form and `name` has none.
  std::string WithNameContinuation(const PageData& page, int segment, std::string name) const;
  // The name heading the block that holds the seller's chosen SIRET, SIREN or VAT number near
  // the top of page `p` (a letterhead: "ACME SAS / 12 rue ... / SIRET ..."), if any.
  std::optional<Option> LetterheadSeller(const Context& ctx, const PageData& page, int p) const;
};

Recognizer::Recognizer(RecognizerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
Recognizer::~Recognizer() = default;

Recognition Recognizer::Recognize(const pdf::DocumentText& document) const {
  return impl_->Run(document);
}

Recognition Recognizer::Impl::Run(const pdf::DocumentText& document) const {
  Context ctx;
  if (document.is_scanned) return {};
  for (const auto& page : document.pages) {
    PageData data;
    data.layout = BuildPageLayout(page);
    if (data.layout.words.empty()) continue;
    data.labels = FindLabels(data.layout, lexicon);
    data.candidates = FindCandidates(data.layout);
    data.candidate_of_word.assign(data.layout.words.size(), -1);
    for (size_t c = 0; c < data.candidates.size(); ++c) {
      const auto& cand = data.candidates[c];
      if (cand.type == ValueType::kCurrency) continue;
      const auto& words = data.layout.segments[cand.segment].words;
      bool inside = false;
      for (int w : words) {
        if (w == cand.first_word) inside = true;
        if (inside && data.candidate_of_word[w] < 0)
          data.candidate_of_word[w] = static_cast<int>(c);
        if (w == cand.last_word) break;
      }
    }
    ctx.pages.push_back(std::move(data));
  }
  if (ctx.pages.empty()) return {};
  ResolveDateOrder(ctx);
  DocumentType(ctx);
  InvoiceNumber(ctx);
  Dates(ctx);
  Totals(ctx);
  Identifiers(ctx);
  Names(ctx);
  References(ctx);
  Iban(ctx);
  Currency(ctx);
  return std::move(ctx.result);
}

void Recognizer::Impl::ResolveDateOrder(Context& ctx) const {
  // A date that reads only one way ("25/12/2024", "12/25/2024") shows the document's
  // convention; without one, the language does: month-first in English, day-first elsewhere.
  int day_first = 0, month_first = 0;
  for (const auto& page : ctx.pages) {
    for (const auto& cand : page.candidates) {
      if (cand.type != ValueType::kDate) continue;
      const auto orders =
          PossibleDateOrders(WordsText(page.layout, cand.first_word, cand.last_word));
      if (orders.size() != 1) continue;
      (orders.front() == DateOrder::kDayFirst ? day_first : month_first)++;
    }
  }
  DateOrder order = DateOrder::kDayFirst;
  if (month_first > 0 && day_first == 0) {
    order = DateOrder::kMonthFirst;
  } else if (month_first == 0 && day_first == 0 && PageLanguage(ctx.pages.front().layout) == "en") {
    order = DateOrder::kMonthFirst;
  }
  if (order == DateOrder::kDayFirst) return;
  for (auto& page : ctx.pages) {
    for (auto& cand : page.candidates) {
      if (cand.type != ValueType::kDate) continue;
      const std::string text = WordsText(page.layout, cand.first_word, cand.last_word);
      if (PossibleDateOrders(text).size() != 2) continue;
      if (auto date = ParseDate(text, order)) cand.value = date->ToIso();
    }
  }
}

void Recognizer::Impl::DocumentType(Context& ctx) const {
  const PageData& page = ctx.pages.front();
  const Label* credit = nullptr;
  const Label* invoice = nullptr;
  bool self_billing = false;
  for (const auto& label : page.labels) {
    const Segment& segment = page.layout.segments[label.segment];
    // A title: near the top, at the start of a short segment. ("Avoir" is also the French verb
    // "to have", which sits in sentences.)
    const bool title = label.box.y0 < 0.45 * page.layout.height &&
                       segment.words.front() == label.first_word && segment.words.size() <= 6;
    if (label.cue() == Cue::kSelfBilling) self_billing = true;
    if (!title) continue;
    if (label.cue() == Cue::kCreditNoteTitle ||
        (label.cue() == Cue::kInvoiceNumber &&
         NormalizeText(label.text).find("avoir") != std::string::npos)) {
      if (!credit) credit = &label;
    } else if (label.cue() == Cue::kInvoiceTitle || label.cue() == Cue::kInvoiceNumber) {
      if (!invoice) invoice = &label;
    }
  }
  if (credit && !self_billing) {
    ctx.credit_note = true;
    Option option{"credit_note", 1, 0, credit->box, credit->text};
    Emit(ctx, Field::kDocumentType, option, 0.85);
  } else if (invoice) {
    Option option{"invoice", 1, 0, invoice->box, invoice->text};
    Emit(ctx, Field::kDocumentType, option, 0.85);
  } else if (credit) {
    Option option{"invoice", 1, 0, credit->box, credit->text};
    Emit(ctx, Field::kDocumentType, option, 0.7);
  }
}

std::vector<int> Recognizer::Impl::WordsNear(const PageData& page, const Label& label,
                                             bool same_line_only) const {
  std::vector<int> out;
  const auto& layout = page.layout;
  const Segment& segment = layout.segments[label.segment];
  auto first_meaningful = [&](const std::vector<int>& words, size_t from) -> int {
    for (size_t k = from; k < words.size(); ++k) {
      const auto& tokens = layout.words[words[k]].tokens;
      if (tokens.empty()) continue;
      if (tokens.size() == 1 &&
          (tokens[0] == "no" || tokens[0] == "n" || tokens[0] == "nr" || tokens[0] == "o")) {
        continue;
      }
      return words[k];
    }
    return -1;
  };
  const auto& words = segment.words;
  const size_t after = std::find(words.begin(), words.end(), label.last_word) - words.begin() + 1;
  if (int w = first_meaningful(words, after); w >= 0) out.push_back(w);
  const Line& line = layout.lines[segment.line];
  const auto at = std::find(line.segments.begin(), line.segments.end(), label.segment);
  if (at != line.segments.end() && at + 1 != line.segments.end()) {
    if (int w = first_meaningful(layout.segments[*(at + 1)].words, 0); w >= 0) out.push_back(w);
  }
  if (same_line_only) return out;
  for (int l = segment.line + 1; l < static_cast<int>(layout.lines.size()) && l <= segment.line + 2;
       ++l) {
    for (int s : layout.lines[l].segments) {
      const Segment& below = layout.segments[s];
      if (HorizontalOverlap(below.box, label.box) > 0 ||
          (below.box.x0 > segment.box.x1 && below.box.x0 - segment.box.x1 < 0.3 * layout.width &&
           l == segment.line + 1)) {
        if (int w = first_meaningful(below.words, 0); w >= 0) out.push_back(w);
      }
    }
  }
  return out;
}

void Recognizer::Impl::InvoiceNumber(Context& ctx) const {
  std::vector<Option> options;
  for (size_t p = 0; p < ctx.pages.size() && p < 2; ++p) {
    const PageData& page = ctx.pages[p];
    for (const auto& label : page.labels) {
      const Cue cue = label.cue();
      if (cue != Cue::kInvoiceNumber && cue != Cue::kInvoiceTitle && cue != Cue::kCreditNoteTitle) {
        continue;
      }
      const bool title = cue != Cue::kInvoiceNumber;
      for (int w : WordsNear(page, label, title && !IsHeaderCell(page, label.segment))) {
        // A nine-digit number passes the SIREN's Luhn check one time in ten, and an
        // identifier-shaped code failing its checksum is no identifier: right after a real
        // invoice-number label, either is the invoice number.
        const int c = page.candidate_of_word[w];
        if (c >= 0 &&
            !((page.candidates[c].type == ValueType::kSiren || !page.candidates[c].checked) &&
              !title && label.keyword->strength >= 0.8)) {
          continue;
        }
        std::string_view text = page.layout.words[w].text;
        // "n°562044387", "#12345": the number sign glued to the number.
        for (std::string_view sign : {"n\xC2\xB0", "N\xC2\xB0", "n\xC2\xBA", "N\xC2\xBA", "#"}) {
          if (text.starts_with(sign) && text.size() > sign.size() && text[sign.size()] >= '0' &&
              text[sign.size()] <= '9') {
            text.remove_prefix(sign.size());
          }
        }
        const std::string ref = AsReference(text, true);
        if (ref.empty()) continue;
        // A phone number or a long bare number is not an invoice number of a title.
        double score = LabelScore(page, label, w, w, IsReferenceCue);
        if (title) score *= 0.8;
        if (p > 0) score *= 0.8;
        if (score <= 0) continue;
        Option option{ref, score, static_cast<int>(p), page.layout.words[w].box, label.text};
        options.push_back(option);
      }
    }
  }
  if (options.empty()) return;
  options = Top(options, 4);
  const Option& best = options.front();
  // Agreement: the same number announced twice (a title and a label) is surer.
  int agreeing = 0;
  for (const auto& o : options) agreeing += o.value == best.value ? 1 : 0;
  Emit(ctx, Field::kInvoiceNumber, best,
       0.3 + 0.5 * Clamp01(best.score) + (agreeing > 1 ? 0.15 : 0.05));
}

void Recognizer::Impl::Dates(Context& ctx) const {
  std::vector<Option> issue, due;
  for (size_t p = 0; p < ctx.pages.size(); ++p) {
    const PageData& page = ctx.pages[p];
    for (size_t c = 0; c < page.candidates.size(); ++c) {
      const Candidate& cand = page.candidates[c];
      if (cand.type != ValueType::kDate) continue;
      const Label* issue_label = nullptr;
      const Label* due_label = nullptr;
      double is = 0;
      for (const auto& label : page.labels) {
        if (label.cue() != Cue::kIssueDate || !AnnouncesInvoiceDate(page, label)) continue;
        const double s = LabelScore(page, label, cand.first_word, cand.last_word, IsDateCue);
        if (s > is) {
          is = s;
          issue_label = &label;
        }
      }
      const double ds =
          BestLabel(page, Cue::kDueDate, cand.first_word, cand.last_word, IsDateCue, &due_label);
      // "Facture n° 12 du 15/03/2024": a date on the invoice number's line is its date.
      const Label* number_label = nullptr;
      const double ns = BestLabel(page, Cue::kInvoiceNumber, cand.first_word, cand.last_word,
                                  IsDateCue, &number_label);
      if (ns * 0.5 > is) {
        is = ns * 0.5;
        issue_label = number_label;
      }
      const double page_factor = p == 0 ? 1 : 0.85;
      const int id = static_cast<int>(p * 100000 + c);
      if (is > 0) {
        issue.push_back(Option{cand.value, is * page_factor, static_cast<int>(p), cand.box,
                               issue_label->text, id});
      }
      if (ds > 0) {
        due.push_back(Option{cand.value, ds * page_factor, static_cast<int>(p), cand.box,
                             due_label->text, id});
      }
    }
  }
  issue = Top(issue, 5);
  due = Top(due, 5);
  // The issue date comes before the due date: pick the best pair that agrees.
  std::optional<Option> best_issue, best_due;
  double best = 0;
  for (int i = -1; i < static_cast<int>(issue.size()); ++i) {
    for (int d = -1; d < static_cast<int>(due.size()); ++d) {
      double score = 0;
      if (i >= 0) score += issue[i].score;
      if (d >= 0) score += due[d].score;
      if (i >= 0 && d >= 0) {
        if (issue[i].id == due[d].id) score -= std::min(issue[i].score, due[d].score) + 0.01;
        if (due[d].value < issue[i].value) score -= 0.6;
      }
      if (score > best) {
        best = score;
        best_issue = i >= 0 ? std::optional<Option>(issue[i]) : std::nullopt;
        best_due = d >= 0 ? std::optional<Option>(due[d]) : std::nullopt;
      }
    }
  }
  if (!best_issue) {
    // No label: the first date at the top of the first page, unless another label claims it.
    const PageData& page = ctx.pages.front();
    for (size_t c = 0; c < page.candidates.size(); ++c) {
      const Candidate& cand = page.candidates[c];
      if (cand.type != ValueType::kDate || cand.box.y0 > 0.4 * page.layout.height) continue;
      if (best_due && best_due->id == static_cast<int>(c)) continue;
      bool claimed = false;
      for (const auto& label : page.labels) {
        if (label.cue() == Cue::kOtherReference || label.cue() == Cue::kDueDate) {
          if (Place(page.layout, label, cand.first_word, cand.last_word).score > 0.3) {
            claimed = true;
          }
        }
      }
      if (claimed) continue;
      if (!best_issue || cand.box.y0 < best_issue->box.y0) {
        best_issue = Option{cand.value, 0.3, 0, cand.box, "", static_cast<int>(c)};
      }
    }
  }
  const bool ordered = best_issue && best_due && best_issue->value <= best_due->value;
  if (best_issue) {
    Emit(ctx, Field::kIssueDate, *best_issue,
         0.3 + 0.5 * Clamp01(best_issue->score) + (ordered ? 0.12 : 0.05));
  }
  if (best_due) {
    Emit(ctx, Field::kDueDate, *best_due,
         0.3 + 0.5 * Clamp01(best_due->score) + (ordered ? 0.12 : 0.05));
  }
}

void Recognizer::Impl::Totals(Context& ctx) const {
  std::map<Cue, std::vector<Option>> by_cue;
  const Cue roles[] = {Cue::kTotalWithoutVat, Cue::kTotalVat, Cue::kTotalWithVat, Cue::kAmountDue,
                       Cue::kPrepaid};
  std::map<int, Option> by_id;
  for (size_t p = 0; p < ctx.pages.size(); ++p) {
    const PageData& page = ctx.pages[p];
    for (size_t c = 0; c < page.candidates.size(); ++c) {
      const Candidate& cand = page.candidates[c];
      if (cand.type != ValueType::kAmount) continue;
      // Totals close the document: lower on the page and later pages weigh a little more.
      const double position = 0.9 + 0.1 * (cand.box.y0 / std::max(1.0, page.layout.height)) +
                              0.02 * static_cast<double>(p);
      const int id = static_cast<int>(p * 100000 + c);
      for (Cue role : roles) {
        const Label* label = nullptr;
        double s = BestLabel(page, role, cand.first_word, cand.last_word, IsAmountCue, &label);
        // A table's column header ("Montant HT" over a VAT breakdown's rows) announces one row's
        // amount; a total's own label ("Total HT") the document's.
        if (s > 0.05 && IsHeaderCell(page, label->segment)) s *= 0.6;
        if (s <= 0.05) continue;
        Option option{cand.value,  s * position, static_cast<int>(p), cand.box,
                      label->text, id,           cand.amount};
        // "enthaltene Versicherungsteuer (35,13 €)", "dont TVA (20,00)": the tax a total
        // includes, given in parentheses, is not a negative amount.
        if (role == Cue::kTotalVat && option.amount->IsNegative() &&
            page.layout.words[cand.first_word].text.starts_with("(")) {
          option.amount = -*option.amount;
          option.value = option.amount->ToString(2);
        }
        by_cue[role].push_back(option);
        by_id[id] = option;
      }
    }
  }
  auto to_amounts = [](const std::vector<Option>& options) {
    std::vector<AmountOption> out;
    for (const auto& o : options) out.push_back(AmountOption{*o.amount, o.score, o.id});
    return out;
  };
  std::vector<Option> ht = Top(by_cue[Cue::kTotalWithoutVat], 6);
  std::vector<Option> vat = Top(by_cue[Cue::kTotalVat], 6);
  std::vector<Option> ttc = Top(by_cue[Cue::kTotalWithVat], 6);
  std::vector<Option> due = Top(by_cue[Cue::kAmountDue], 4);
  // "Net à payer" is the total when no deposit was paid: let it stand for the TTC too. Not when
  // earlier amounts still owed may be part of it.
  bool outstanding = false;
  for (const auto& page : ctx.pages) {
    for (const auto& label : page.labels) {
      outstanding = outstanding || label.cue() == Cue::kOutstanding;
    }
  }
  for (const auto& d : due) {
    if (outstanding) break;
    Option o = d;
    o.score *= 0.6;
    ttc.push_back(o);
  }
  // A correction invoice's totals are negative; its VAT is sometimes printed without its minus.
  // When HT - VAT = TTC with both totals negative, the VAT is theirs: negative too.
  for (auto& v : vat) {
    if (v.amount->IsNegative() || v.amount->units() == 0) continue;
    bool flips = false;
    for (const auto& h : ht) {
      for (const auto& t : ttc) {
        flips = flips || (h.amount->IsNegative() && t.amount->IsNegative() &&
                          *h.amount - *v.amount == *t.amount);
      }
    }
    if (flips) {
      v.amount = -*v.amount;
      v.value = v.amount->ToString(2);
    }
  }
  const TotalsChoice choice = ChooseTotals(to_amounts(ht), to_amounts(vat), to_amounts(ttc));

  auto signed_value = [&](const Option& o) {
    core::Decimal amount = *o.amount;
    if (ctx.credit_note && !amount.IsNegative()) amount = -amount;
    Option out = o;
    out.value = amount.ToString(2);
    out.amount = amount;
    return out;
  };
  const double bonus = choice.adds_up ? (choice.unique_sum ? 0.2 : 0.05) : 0;
  std::optional<Option> total;
  if (choice.without_vat >= 0) {
    const Option& o = ht[choice.without_vat];
    Emit(ctx, Field::kTotalWithoutVat, signed_value(o), 0.3 + 0.5 * Clamp01(o.score) + bonus);
  }
  if (choice.vat >= 0) {
    const Option& o = vat[choice.vat];
    Emit(ctx, Field::kTotalVat, signed_value(o), 0.3 + 0.5 * Clamp01(o.score) + bonus);
  }
  if (choice.with_vat >= 0) {
    total = ttc[choice.with_vat];
    Emit(ctx, Field::kTotalWithVat, signed_value(*total),
         0.3 + 0.5 * Clamp01(total->score) + bonus);
  }
  // Amount due: its own label, never above the total; else the total itself when nothing was
  // paid in advance.
  // Earlier amounts still owed ("solde antérieur", "offene Zahlungen") may raise the amount due
  // above the total.
  std::optional<Option> due_choice;
  for (const auto& d : due) {
    if (total && d.amount->units() != 0 && !outstanding) {
      const core::Decimal a = d.amount->IsNegative() ? -*d.amount : *d.amount;
      const core::Decimal t = total->amount->IsNegative() ? -*total->amount : *total->amount;
      if (a > t) continue;
    }
    due_choice = d;
    break;
  }
  if (due_choice) {
    const bool equals_total = total && *due_choice->amount == *total->amount;
    Emit(ctx, Field::kAmountDue, signed_value(*due_choice),
         0.3 + 0.5 * Clamp01(due_choice->score) + (equals_total ? bonus : 0.05));
  } else if (total && by_cue[Cue::kPrepaid].empty()) {
    Option o = *total;
    Emit(ctx, Field::kAmountDue, signed_value(o), 0.25 + 0.35 * Clamp01(o.score) + bonus / 2);
  }
}

Party Recognizer::Impl::PartyOfSegment(const PageData& page, int segment,
                                       const Label** heading) const {
  const auto& layout = page.layout;
  const Segment& seg = layout.segments[segment];
  const Label* best = nullptr;
  double best_distance = 1e9;
  for (const auto& label : page.labels) {
    if (label.cue() != Cue::kSellerParty && label.cue() != Cue::kBuyerParty) continue;
    const Segment& hs = layout.segments[label.segment];
    if (label.segment == segment) {
      best = &label;
      best_distance = 0;
      break;
    }
    if (hs.line >= seg.line) continue;
    const double dy = seg.box.y0 - hs.box.y1;
    if (dy > 0.3 * layout.height) continue;
    // The block under a heading: from its left edge to about half the page to the right.
    const double left = label.box.x0 - 2 * layout.typical_height;
    const double right = label.box.x0 + std::max(label.box.width(), 0.4 * layout.width);
    if (seg.box.x0 < left || seg.box.x0 > right) continue;
    const double distance = dy + (hs.block == seg.block ? 0 : 2 * layout.typical_height);
    if (distance < best_distance) {
      best_distance = distance;
      best = &label;
    }
  }
  if (heading) *heading = best;
  return best ? best->keyword->party : Party::kUnknown;
}

void Recognizer::Impl::Identifiers(Context& ctx) const {
  std::vector<Option> options;  // SIRET, SIREN and VAT candidates with their party
  std::vector<ValueType> types;
  for (size_t p = 0; p < ctx.pages.size(); ++p) {
    const PageData& page = ctx.pages[p];
    for (size_t c = 0; c < page.candidates.size(); ++c) {
      const Candidate& cand = page.candidates[c];
      if (cand.type != ValueType::kSiret && cand.type != ValueType::kSiren &&
          cand.type != ValueType::kVat) {
        continue;
      }
      double best = 0;
      const Label* best_label = nullptr;
      for (const auto& label : page.labels) {
        const Cue cue = label.cue();
        double fit;
        if (cand.type == ValueType::kVat) {
          fit = cue == Cue::kVat ? 1 : 0;
        } else {
          fit = cue == Cue::kSiret || cue == Cue::kSiren ? 1 : cue == Cue::kVat ? 0.3 : 0;
        }
        if (fit == 0) continue;
        const double s =
            fit * LabelScore(page, label, cand.first_word, cand.last_word, IsIdentifierCue);
        if (s > best) {
          best = s;
          best_label = &label;
        }
      }
      // "421 938 861 RCS Paris": the French legal mention prints the SIREN before its label.
      if (cand.type != ValueType::kVat && best < 0.8) {
        const auto& words = page.layout.segments[cand.segment].words;
        const auto at = std::find(words.begin(), words.end(), cand.last_word);
        if (at != words.end() && at + 1 != words.end()) {
          for (const auto& label : page.labels) {
            if (label.first_word == *(at + 1) && label.cue() == Cue::kSiren) {
              best = 0.8;
              best_label = &label;
            }
          }
        }
      }
      // A VAT number or a SIRET checks itself; a 9-digit number passes Luhn one time in ten,
      // and a number failing its checksum counts only right beside its label.
      const double intrinsic = cand.type == ValueType::kSiren || !cand.checked ? 0 : 0.3;
      if (best < (cand.checked ? 0.2 : 0.5) && intrinsic == 0) continue;
      Option option{cand.value,
                    std::max(best, intrinsic) * (cand.checked ? 1 : 0.5),
                    static_cast<int>(p),
                    cand.box,
                    best_label ? best_label->text : "",
                    static_cast<int>(p * 100000 + c)};
      option.checked = cand.checked;
      if (best_label && best_label->keyword->party != Party::kUnknown) {
        option.party = best_label->keyword->party;
        option.party_explicit = true;
      } else {
        option.party = PartyOfSegment(page, cand.segment, nullptr);
      }
      options.push_back(option);
      types.push_back(cand.type);
    }
  }
  // An identifier printed under the addressee's postal address (the window of the envelope) is
  // the addressee's, the buyer's, when the page shows another identifier of that kind elsewhere
  // (the sender's, in its letterhead or footer).
  {
    std::vector<bool> addressee(options.size(), false);
    for (size_t i = 0; i < options.size(); ++i) {
      if (options[i].party != Party::kUnknown) continue;
      const PageData& page = ctx.pages[options[i].page];
      addressee[i] = UnderAddressee(page, page.candidates[options[i].id % 100000].segment);
    }
    for (size_t i = 0; i < options.size(); ++i) {
      if (!addressee[i]) continue;
      for (size_t j = 0; j < options.size(); ++j) {
        if (types[j] == types[i] && !addressee[j] && options[j].value != options[i].value &&
            options[j].party != Party::kBuyer) {
          options[i].party = Party::kBuyer;
          break;
        }
      }
    }
  }
  // The SIREN inside a French VAT number ties the VAT number to a SIRET or SIREN: they are one
  // party's, and each confirms the other.
  std::vector<bool> tied(options.size(), false);
  for (size_t a = 0; a < options.size(); ++a) {
    if (types[a] != ValueType::kVat) continue;
    for (size_t b = 0; b < options.size(); ++b) {
      if (types[b] == ValueType::kVat || !VatMatchesSiren(options[a].value, options[b].value)) {
        continue;
      }
      tied[a] = tied[b] = true;
      Option& known = options[a].party != Party::kUnknown ? options[a] : options[b];
      Option& other = &known == &options[a] ? options[b] : options[a];
      if (other.party == Party::kUnknown || (known.party_explicit && !other.party_explicit)) {
        other.party = known.party;
      }
    }
  }
  // Unclaimed identifiers are the seller's: a supplier prints its own in the header or footer.
  for (auto& o : options) {
    if (o.party == Party::kUnknown) {
      o.party = Party::kSeller;
      o.score *= 0.8;
    }
  }
  struct Slot {
    Field field;
    ValueType type;
    Party party;
  };
  const Slot slots[] = {
      {Field::kSellerSiret, ValueType::kSiret, Party::kSeller},
      {Field::kSellerSiren, ValueType::kSiren, Party::kSeller},
      {Field::kSellerVat, ValueType::kVat, Party::kSeller},
      {Field::kBuyerSiret, ValueType::kSiret, Party::kBuyer},
      {Field::kBuyerSiren, ValueType::kSiren, Party::kBuyer},
      {Field::kBuyerVat, ValueType::kVat, Party::kBuyer},
  };
  std::map<Field, std::pair<Option, bool>> chosen;
  for (const auto& slot : slots) {
    // A French business has one VAT number, derived from its SIREN: once the party's SIRET or
    // SIREN is chosen, the VAT number that carries it is the party's, and a French one carrying
    // another SIREN is someone else's (a tax representative's, a group's).
    std::string party_siren;
    if (slot.type == ValueType::kVat) {
      const Field siret = slot.party == Party::kSeller ? Field::kSellerSiret : Field::kBuyerSiret;
      const Field siren = slot.party == Party::kSeller ? Field::kSellerSiren : Field::kBuyerSiren;
      if (chosen.count(siret)) party_siren = chosen[siret].first.value.substr(0, 9);
      if (party_siren.empty() && chosen.count(siren)) party_siren = chosen[siren].first.value;
    }
    auto siren_fit = [&](size_t k) {
      if (party_siren.empty()) return 0.0;
      if (VatMatchesSiren(options[k].value, party_siren)) return 0.5;
      return SirenOfVat(options[k].value).empty() ? 0.0 : -0.3;
    };
    int best = -1;
    for (size_t i = 0; i < options.size(); ++i) {
      if (types[i] != slot.type || options[i].party != slot.party) continue;
      auto weight = [&](size_t k) {
        return options[k].score + (tied[k] ? 0.2 : 0) + (options[k].party_explicit ? 0.1 : 0) +
               siren_fit(k);
      };
      const double s = weight(i);
      const double b = best < 0 ? -1 : weight(best);
      if (s > b) best = static_cast<int>(i);
    }
    if (best >= 0) chosen[slot.field] = {options[best], tied[best]};
  }
  // A SIRET printed without its SIREN still shows the SIREN: its first nine digits.
  for (auto [siret, siren] : {std::pair{Field::kSellerSiret, Field::kSellerSiren},
                              std::pair{Field::kBuyerSiret, Field::kBuyerSiren}}) {
    if (chosen.count(siret) && !chosen.count(siren)) {
      auto derived = chosen[siret];
      derived.first.value = derived.first.value.substr(0, 9);
      derived.first.score *= 0.9;
      chosen[siren] = derived;
    }
  }
  // Seller and buyer are different parties: the same identifier cannot be both.
  for (auto [s, b] : {std::pair{Field::kSellerSiret, Field::kBuyerSiret},
                      std::pair{Field::kSellerSiren, Field::kBuyerSiren},
                      std::pair{Field::kSellerVat, Field::kBuyerVat}}) {
    if (chosen.count(s) && chosen.count(b) && chosen[s].first.value == chosen[b].first.value) {
      if (chosen[s].first.score >= chosen[b].first.score) {
        chosen.erase(b);
      } else {
        chosen.erase(s);
      }
    }
  }
  for (const auto& [field, entry] : chosen) {
    const auto& [option, is_tied] = entry;
    const bool party_known = option.party_explicit || option.score >= 0.3;
    double confidence = 0.35 + 0.3 * Clamp01(option.score) + (is_tied ? 0.15 : 0) +
                        (option.party_explicit ? 0.1 : 0) + (party_known ? 0.02 : 0);
    // A failing checksum: shown to the user to check, never trusted.
    if (!option.checked) confidence = std::min(confidence, 0.4);
    Emit(ctx, field, option, confidence);
  }
}

bool Recognizer::Impl::IsNameLike(const PageData& page, int segment, std::string* name) const {
  const auto& layout = page.layout;
  const Segment& seg = layout.segments[segment];
  // A line ending with a colon announces what follows ("Steuerbevollmächtigter des
  // Verkäufers:", "Adresse de livraison :"): a heading, never a name.
  if (!seg.text.empty() && seg.text.back() == ':') return false;
  std::string text = NamePart(seg.text);
  if (text.size() < 2 || text.size() > 80 || !HasLetters(text)) return false;
  if (text.find('@') != std::string::npos || text.find("www.") != std::string::npos) return false;
  size_t digits = 0;
  for (char c : text) digits += (c >= '0' && c <= '9') ? 1 : 0;
  if (digits * 4 > text.size()) return false;
  const auto tokens = NormalizeTokens(text);
  if (tokens.empty()) return false;
  // Addresses start with a number or a postal code; contacts and countries with their word.
  if (tokens.front()[0] >= '0' && tokens.front()[0] <= '9') return false;
  if (tokens.size() >= 2 && tokens[0].size() <= 2 && tokens[1][0] >= '0' && tokens[1][0] <= '9') {
    return false;  // "DE 80333 München", "F-75018 Paris"
  }
  for (const auto& t : tokens) {
    if (NonNameWords().count(t) && tokens.size() <= 3) return false;
  }
  if (NonNameWords().count(tokens.front())) return false;
  // A generic word alone heads an address ("Firma", "Société"); it names nobody.
  static const std::set<std::string, std::less<>> kGeneric = {
      "firma", "company", "societe", "entreprise", "bedrijf", "organisation", "organization"};
  if (tokens.size() == 1 && kGeneric.count(tokens.front())) return false;
  // A street line is the address under a name, never the name ("Lieferantenstraße 20").
  if (IsStreetLine(tokens)) return false;
  // A line that starts with one of our labels is a label line, not a name; unless it ends with a
  // legal form, which only a company name does ("Lieferant GmbH", "Client Services SARL").
  if (!LegalForms().count(tokens.back())) {
    for (const auto& label : page.labels) {
      // "Ministère ..." announces a public buyer and starts its name ("Ministère des Armées").
      const bool starts_name = StartsName(*label.keyword) && tokens.size() >= 3;
      if (label.segment == segment && label.first_word == seg.words.front() &&
          label.keyword->strength >= 0.5 && !starts_name) {
        return false;
      }
    }
  }
  // Candidates (dates, amounts, identifiers) are not names.
  for (int w : seg.words) {
    if (page.candidate_of_word[w] >= 0) return false;
  }
  *name = text;
  return true;
}

bool Recognizer::Impl::UnderAddressee(const PageData& page, int segment) const {
  const auto& layout = page.layout;
  const Segment& seg = layout.segments[segment];
  const double th = layout.typical_height;
  double top = seg.box.y0;
  int street = -1;
  bool greeted = false;
  for (int l = seg.line - 1; l >= 0 && l >= seg.line - 10; --l) {
    int found = -1;
    for (int t : layout.lines[l].segments) {
      const Segment& above = layout.segments[t];
      if (std::abs(above.box.x0 - seg.box.x0) <= 2 * th) found = t;
    }
    // The lines of an address follow each other closely; its identifiers a little below it.
    if (found < 0 || top - layout.segments[found].box.y1 > (street < 0 ? 2.0 : 1.5) * th) break;
    const Segment& above = layout.segments[found];
    top = above.box.y0;
    const auto tokens = NormalizeTokens(above.text);
    if (street < 0 && IsStreetLine(tokens)) street = found;
    if (!tokens.empty() && std::all_of(tokens.begin(), tokens.end(), [](const auto& t) {
          return CourtesyTitles().count(t) > 0;
        })) {
      greeted = true;
    }
  }
  if (street < 0 || layout.segments[street].box.y0 > 0.5 * layout.height) return false;
  if (greeted) return true;
  // Another address above or before this one, in another block: this one is the addressee's.
  for (int t = 0; t < street; ++t) {
    const Segment& other = layout.segments[t];
    if (other.block != layout.segments[street].block &&
        other.box.y0 < layout.segments[street].box.y0 &&
        IsStreetLine(NormalizeTokens(other.text))) {
      return true;
    }
  }
  return false;
}

bool Recognizer::Impl::IsHeaderCell(const PageData& page, int segment) const {
  const auto& layout = page.layout;
  if (!IsCaptionOnly(layout, page.labels, segment)) return false;
  // A header row: three cells or more, none holding a value.
  const auto& cells = layout.lines[layout.segments[segment].line].segments;
  if (cells.size() < 3) return false;
  for (int t : cells) {
    for (int w : layout.segments[t].words) {
      if (page.candidate_of_word[w] >= 0) return false;
    }
  }
  return true;
}

std::string Recognizer::Impl::WithNameContinuation(const PageData& page, int segment,
                                                   std::string name) const {
  const auto& layout = page.layout;
  const Segment& seg = layout.segments[segment];
  if (HasLegalForm(NormalizeTokens(name)) ||
      seg.line + 1 >= static_cast<int>(layout.lines.size())) {
    return name;
  }
  for (int t : layout.lines[seg.line + 1].segments) {
    const Segment& next = layout.segments[t];
    if (std::abs(next.box.x0 - seg.box.x0) > 0.5 * layout.typical_height ||
        next.box.y0 - seg.box.y1 > 0.6 * layout.typical_height) {
      continue;
    }
    std::string rest;
    if (IsNameLike(page, t, &rest) && HasLegalForm(NormalizeTokens(rest))) {
      return name + " " + rest;
    }
    break;
  }
  return name;
}

std::optional<Option> Recognizer::Impl::LetterheadSeller(const Context& ctx, const PageData& page,
                                                         int p) const {
  const auto& layout = page.layout;
  // A page with a seller heading says where the seller is; no need to guess from a letterhead.
  for (const auto& label : page.labels) {
    if (label.cue() == Cue::kSellerParty) return std::nullopt;
  }
  for (Field field : {Field::kSellerSiret, Field::kSellerVat, Field::kSellerSiren}) {
    const FoundValue* found = ctx.result.Find(field);
    if (!found || found->page != layout.page_number) continue;
    if (found->box.y0 > 0.3 * layout.height) continue;
    // The block of the identifier, and the first segment of that block.
    int block = -1;
    for (const auto& seg : layout.segments) {
      if (HorizontalOverlap(seg.box, found->box) > 0 &&
          VerticalOverlap(seg.box, found->box) > 0.5) {
        block = seg.block;
        break;
      }
    }
    if (block < 0) continue;
    for (size_t s = 0; s < layout.segments.size(); ++s) {
      const Segment& seg = layout.segments[s];
      if (seg.block != block) continue;
      std::string name;
      if (PartyOfSegment(page, static_cast<int>(s), nullptr) == Party::kBuyer) return std::nullopt;
      // Only the block's first line, at the top of the page, can be its name.
      if (seg.box.y0 > 0.15 * layout.height || !IsNameLike(page, static_cast<int>(s), &name)) {
        return std::nullopt;
      }
      return Option{name, 0.75, p, seg.box, ""};
    }
  }
  return std::nullopt;
}

void Recognizer::Impl::Names(Context& ctx) const {
  std::vector<Option> seller, buyer;
  for (size_t p = 0; p < ctx.pages.size() && p < 1; ++p) {
    const PageData& page = ctx.pages[p];
    const auto& layout = page.layout;
    for (const auto& label : page.labels) {
      if (label.cue() != Cue::kSellerParty && label.cue() != Cue::kBuyerParty) continue;
      auto& out = label.cue() == Cue::kSellerParty ? seller : buyer;
      const Segment& hs = layout.segments[label.segment];
      // "Vendeur : ACME SAS" on one line: the colon tells a heading from a phrase that merely
      // starts with the word ("Seller trade name").
      if (hs.words.back() != label.last_word) {
        std::string rest;
        bool after = false, colon = layout.words[label.last_word].text.back() == ':';
        for (int w : hs.words) {
          if (after && rest.empty() && layout.words[w].text == ":") {
            colon = true;
            continue;
          }
          if (after) rest += (rest.empty() ? "" : " ") + layout.words[w].text;
          if (w == label.last_word) after = true;
        }
        rest = NamePart(rest);
        if (colon && label.first_word == hs.words.front() && rest.size() >= 2 && HasLetters(rest) &&
            NormalizeTokens(rest).size() >= 1 &&
            !NonNameWords().count(NormalizeTokens(rest).front())) {
          // Rest of a heading line like "CLIENT / DESTINATAIRE" is another heading word.
          bool is_label = false;
          for (const auto& other : page.labels) {
            if (other.segment == label.segment && &other != &label &&
                (other.cue() == Cue::kSellerParty || other.cue() == Cue::kBuyerParty) &&
                !StartsName(*other.keyword)) {
              is_label = true;
            }
          }
          if (!is_label) {
            out.push_back(Option{rest, 0.8 * label.keyword->strength / 0.8, static_cast<int>(p),
                                 hs.box, label.text});
            continue;
          }
        }
      }
      if (!IsCaptionOnly(layout, page.labels, label.segment)) {
        continue;  // a heading word inside a phrase is not a heading
      }
      // A party word after an article ("LE CLIENT", "The Buyer") inside a block names a party
      // rather than heading one.
      if (std::string unused; label.first_word != hs.words.front() && hs.text.back() != ':' &&
                              IsNameLike(page, label.segment, &unused)) {
        continue;
      }
      // The first name-like line of the block below the heading.
      int taken = 0;
      for (int l = hs.line + 1;
           l < static_cast<int>(layout.lines.size()) && l <= hs.line + 5 && taken < 1; ++l) {
        for (int s : layout.lines[l].segments) {
          const Segment& seg = layout.segments[s];
          if (seg.box.y0 - hs.box.y1 > 6 * layout.typical_height) break;
          const double left = label.box.x0 - 2 * layout.typical_height;
          const double right = label.box.x0 + std::max(hs.box.width(), 0.3 * layout.width);
          if (seg.box.x0 < left || seg.box.x0 > right) continue;
          std::string name;
          if (!IsNameLike(page, s, &name)) continue;
          name = WithNameContinuation(page, s, name);
          const double score = 0.85 - 0.08 * (l - hs.line - 1);
          out.push_back(Option{name, score, static_cast<int>(p), seg.box, label.text});
          ++taken;
          break;
        }
      }
    }
    // Postal addresses: the party's name heads its address, above the street line; a contact
    // person or a department may come between (NF Z 10-011 puts the name first), so the
    // topmost name of the address wins, and a line with a legal form over any other. A courtesy
    // title ("Herrn", "Monsieur") opens the addressee's address: a letter never greets its
    // sender. A heading of none of our parties ("Adresse de livraison") puts the block aside.
    std::set<int> blocks_seen;
    // A letterhead holding the seller's own identifiers names the seller: then every unclaimed
    // address is the addressee's.
    const std::optional<Option> letterhead = LetterheadSeller(ctx, page, static_cast<int>(p));
    if (letterhead) seller.push_back(*letterhead);
    int unassigned = letterhead ? 1 : 0;
    for (size_t s = 0; s < layout.segments.size(); ++s) {
      const Segment& street = layout.segments[s];
      if (!IsStreetLine(layout.words[street.words.front()].tokens.empty()
                            ? std::vector<std::string>{}
                            : NormalizeTokens(street.text)) ||
          blocks_seen.count(street.block)) {
        continue;
      }
      int chosen = -1;
      bool chosen_legal = false, greeted = false, set_aside = false;
      double top = street.box.y0;
      for (int l = street.line - 1; l >= 0 && l >= street.line - 4 && !greeted && !set_aside; --l) {
        bool stop = false;
        for (int t : layout.lines[l].segments) {
          const Segment& seg = layout.segments[t];
          if (std::abs(seg.box.x0 - street.box.x0) > 2 * layout.typical_height &&
              HorizontalOverlap(seg.box, street.box) <= 0) {
            continue;
          }
          // The lines of one address follow each other closely.
          // (An address printed larger than the page's text is spaced more widely.)
          if (top - seg.box.y1 > 1.5 * std::max(layout.typical_height, seg.height())) {
            stop = true;
            break;
          }
          if (IsReturnAddressLine(layout, l)) {
            // The window's address under the sender's return address: the addressee's.
            greeted = chosen >= 0;
            stop = true;
            break;
          }
          top = seg.box.y0;
          const auto tokens = NormalizeTokens(seg.text);
          if (!tokens.empty() && std::all_of(tokens.begin(), tokens.end(), [](const auto& t) {
                return CourtesyTitles().count(t) > 0;
              })) {
            greeted = true;
            break;
          }
          std::string name;
          const bool name_like = IsNameLike(page, t, &name);
          if (name_like) name = WithNameContinuation(page, t, name);
          if (!name_like && (IsCaptionOnly(layout, page.labels, t) || seg.text.back() == ':')) {
            // The address's heading: ours says whose it is; another sets the block aside.
            bool ours = false;
            for (const auto& label : page.labels) {
              ours = ours || (label.segment == t && (label.cue() == Cue::kSellerParty ||
                                                     label.cue() == Cue::kBuyerParty));
            }
            set_aside = !ours;
            stop = true;
            break;
          }
          if (!name_like) {
            // Only the name lines right above the street belong to the address.
            stop = chosen >= 0;
            if (stop) break;
            continue;
          }
          const bool legal = HasLegalForm(NormalizeTokens(name));
          if (chosen < 0 || legal || !chosen_legal) {
            if (!(chosen_legal && !legal)) {
              chosen = t;
              chosen_legal = legal;
            }
          }
        }
        if (stop) break;
      }
      if (set_aside) {
        blocks_seen.insert(street.block);
        continue;
      }
      if (chosen < 0) continue;
      blocks_seen.insert(street.block);
      std::string name;
      IsNameLike(page, chosen, &name);
      name = WithNameContinuation(page, chosen, name);
      const Label* heading = nullptr;
      Party party = PartyOfSegment(page, chosen, &heading);
      double score = 0.9;
      if (party == Party::kUnknown && greeted) {
        party = Party::kBuyer;
        score = 0.7;
      } else if (party == Party::kUnknown) {
        // Letterheads put the sender first; the next unclaimed address is the addressee.
        party = unassigned++ == 0 ? Party::kSeller : Party::kBuyer;
        score = party == Party::kSeller ? 0.6 : 0.5;
      }
      (party == Party::kSeller ? seller : buyer)
          .push_back(Option{name, score, static_cast<int>(p), layout.segments[chosen].box,
                            heading ? heading->text : ""});
    }
    // The legal mentions name the issuer: "Free SAS au capital de 3.441.812 €".
    for (size_t s = 0; s < layout.segments.size(); ++s) {
      const auto& words = layout.segments[s].words;
      for (size_t k = 2; k + 1 < words.size(); ++k) {
        const auto& au = layout.words[words[k]].tokens;
        const auto& capital = layout.words[words[k + 1]].tokens;
        if (au.size() != 1 || au[0] != "au" || capital.size() != 1 || capital[0] != "capital") {
          continue;
        }
        std::string name;
        for (size_t j = 0; j < k; ++j) name += (j ? " " : "") + layout.words[words[j]].text;
        const auto tokens = NormalizeTokens(name);
        if (!tokens.empty() && LegalForms().count(tokens.back()) && tokens.size() >= 2 &&
            HasLetters(name) && !NonNameWords().count(tokens.front())) {
          seller.push_back(
              Option{name, 0.7, static_cast<int>(p), layout.segments[s].box, "capital"});
        }
        break;
      }
    }
    // The sender's return address above the envelope's window starts with the sender's name.
    for (size_t l = 0; l < layout.lines.size(); ++l) {
      const Line& line = layout.lines[l];
      if (line.box.y0 > 0.4 * layout.height || !IsReturnAddressLine(layout, static_cast<int>(l))) {
        continue;
      }
      std::string name;
      const int first = line.segments.front();
      if (IsNameLike(page, first, &name) && PartyOfSegment(page, first, nullptr) != Party::kBuyer) {
        seller.push_back(Option{name, 0.7, static_cast<int>(p), layout.segments[first].box, ""});
      }
      break;
    }
    // The seller, without a heading: a company name with its legal form, or the first line at
    // the top of the first page (letterheads start with the sender).
    for (size_t s = 0; s < layout.segments.size(); ++s) {
      const Segment& seg = layout.segments[s];
      if (seg.box.y0 > 0.3 * layout.height) continue;
      std::string name;
      if (!IsNameLike(page, static_cast<int>(s), &name)) continue;
      if (PartyOfSegment(page, static_cast<int>(s), nullptr) == Party::kBuyer) continue;
      name = WithNameContinuation(page, static_cast<int>(s), name);
      if (HasLegalForm(NormalizeTokens(name))) {
        // The page's very first line, a company name: the letterhead's sender.
        const bool first_line = seg.line == 0;
        seller.push_back(Option{name, first_line ? 0.65 : 0.55, static_cast<int>(p), seg.box, ""});
      }
    }
    for (size_t s = 0; s < layout.segments.size(); ++s) {
      const Segment& seg = layout.segments[s];
      if (seg.box.y0 > 0.2 * layout.height) continue;
      std::string name;
      if (!IsNameLike(page, static_cast<int>(s), &name)) continue;
      if (PartyOfSegment(page, static_cast<int>(s), nullptr) == Party::kBuyer) continue;
      bool has_label = false;
      for (const auto& label : page.labels)
        has_label = has_label || label.segment == static_cast<int>(s);
      if (has_label) continue;
      seller.push_back(
          Option{name, 0.35 - 0.1 * seg.box.y0 / layout.height, static_cast<int>(p), seg.box, ""});
      break;
    }
  }
  seller = Top(seller, 3);
  buyer = Top(buyer, 3);
  std::optional<Option> s, b;
  if (!seller.empty()) s = seller.front();
  if (!buyer.empty()) b = buyer.front();
  // Seller and buyer are different parties.
  if (s && b && NormalizeText(s->value) == NormalizeText(b->value)) {
    if (s->score >= b->score) {
      b = buyer.size() > 1 ? std::optional<Option>(buyer[1]) : std::nullopt;
    } else {
      s = seller.size() > 1 ? std::optional<Option>(seller[1]) : std::nullopt;
    }
  }
  if (s) Emit(ctx, Field::kSellerName, *s, 0.3 + 0.55 * Clamp01(s->score));
  if (b) Emit(ctx, Field::kBuyerName, *b, 0.3 + 0.55 * Clamp01(b->score));
}

void Recognizer::Impl::References(Context& ctx) const {
  struct Kind {
    Field field;
    Cue cue;
    bool require_digit;
  };
  const Kind kinds[] = {
      {Field::kBuyerReference, Cue::kBuyerReference, false},
      {Field::kOrderReference, Cue::kOrderReference, true},
      {Field::kContractReference, Cue::kContractReference, true},
  };
  for (const auto& kind : kinds) {
    std::vector<Option> options;
    for (size_t p = 0; p < ctx.pages.size(); ++p) {
      const PageData& page = ctx.pages[p];
      for (const auto& label : page.labels) {
        if (label.cue() != kind.cue) continue;
        for (int w : WordsNear(page, label, false)) {
          // An identifier-shaped code failing its checksum is no identifier: it may be a
          // reference ("OD304175096047380001").
          if (const int c = page.candidate_of_word[w]; c >= 0 && page.candidates[c].checked) {
            continue;
          }
          const LayoutWord& word = page.layout.words[w];
          std::string ref = AsReference(word.text, kind.require_digit);
          // A number printed in groups ("05 158 004 - 11023 - 45"): the whole run of the
          // segment's digit groups, as printed.
          if (std::string run = DigitGroupRun(page.layout, w); !run.empty()) ref = run;
          if (ref.empty()) continue;
          if (!kind.require_digit) {
            // A code without digits must look like one: upper case, not a word of ours.
            bool upper = true;
            for (char c : ref) upper = upper && !(c >= 'a' && c <= 'z');
            if (!upper || ref.size() < 3) continue;
          }
          if (!kind.require_digit && lexicon.LongestAt(word.tokens, 0)) continue;
          double score = LabelScore(page, label, w, w, IsReferenceCue);
          // A label in the middle of a sentence ("Rechnung gemäß Bestellung Nr. ... vom ...")
          // cites a reference in passing; a caption states it.
          const auto& seg_words = page.layout.segments[label.segment].words;
          if (seg_words.front() != label.first_word && seg_words.size() >= 6) score *= 0.7;
          if (score <= 0.1) continue;
          options.push_back(
              Option{ref, score * (p == 0 ? 1 : 0.9), static_cast<int>(p), word.box, label.text});
        }
      }
    }
    if (options.empty()) continue;
    options = Top(options, 3);
    Emit(ctx, kind.field, options.front(), 0.3 + 0.55 * Clamp01(options.front().score));
  }
}

void Recognizer::Impl::Iban(Context& ctx) const {
  std::optional<Option> best;
  for (size_t p = 0; p < ctx.pages.size(); ++p) {
    const PageData& page = ctx.pages[p];
    for (size_t c = 0; c < page.candidates.size(); ++c) {
      const Candidate& cand = page.candidates[c];
      if (cand.type != ValueType::kIban) continue;
      const Label* label = nullptr;
      const double s =
          BestLabel(page, Cue::kIban, cand.first_word, cand.last_word, IsIdentifierCue, &label);
      // The mod-97 check makes a stray IBAN-shaped string unlikely even without a label; one
      // failing it counts only beside its label.
      if (!cand.checked && s < 0.5) continue;
      const double score = cand.checked ? 0.5 + 0.5 * s : 0.2 * s;
      if (!best || score > best->score) {
        best = Option{cand.value, score, static_cast<int>(p), cand.box, label ? label->text : ""};
      }
    }
  }
  if (best) {
    Emit(ctx, Field::kIban, *best, best->score >= 0.5 ? 0.45 + 0.5 * best->score : 0.35);
  }
}

void Recognizer::Impl::Currency(Context& ctx) const {
  std::optional<Option> labelled;
  std::map<std::string, int> counts;
  std::map<std::string, Option> first_seen;
  for (size_t p = 0; p < ctx.pages.size(); ++p) {
    const PageData& page = ctx.pages[p];
    for (const auto& cand : page.candidates) {
      std::string code;
      if (cand.type == ValueType::kCurrency) {
        code = cand.value;
        const Label* label = nullptr;
        const double s = BestLabel(
            page, Cue::kCurrency, cand.first_word, cand.last_word, [](Cue) { return false; },
            &label);
        if (s > 0 && (!labelled || s > labelled->score)) {
          labelled = Option{code, s, static_cast<int>(p), cand.box, label->text};
        }
      } else if (cand.type == ValueType::kAmount) {
        code = cand.currency;
      }
      if (code.empty()) continue;
      ++counts[code];
      if (!first_seen.count(code)) {
        first_seen[code] = Option{code, 0.5, static_cast<int>(p), cand.box, ""};
      }
    }
  }
  if (labelled) {
    Emit(ctx, Field::kCurrency, *labelled, 0.6 + 0.35 * Clamp01(labelled->score));
    return;
  }
  std::string best;
  int best_count = 0, total = 0;
  for (const auto& [code, count] : counts) {
    total += count;
    if (count > best_count) {
      best_count = count;
      best = code;
    }
  }
  if (best.empty()) return;
  // "$" alone is ambiguous between dollars; most invoices that use it mean USD.
  const double share = static_cast<double>(best_count) / total;
  Emit(ctx, Field::kCurrency, first_seen[best], 0.45 + 0.35 * share);
}

}  // namespace choral::recognize
