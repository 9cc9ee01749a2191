#include "recognize/keyword_lexicon.h"

#include <gtest/gtest.h>

namespace choral::recognize {
namespace {

TEST(NormalizeTest, FoldsCaseAccentsAndPunctuation) {
  EXPECT_EQ(NormalizeText("Date d'échéance :"), "date d echeance");
  EXPECT_EQ(NormalizeText("N° Facture"), "no facture");
  EXPECT_EQ(NormalizeText("Nº"), "no");
  EXPECT_EQ(NormalizeText("Invoice #"), "invoice no");
  EXPECT_EQ(NormalizeText("Fällig"), "fallig");
  EXPECT_EQ(NormalizeText("Straße"), "strasse");
  EXPECT_EQ(NormalizeText("USt.-IdNr."), "ust idnr");
  EXPECT_EQ(NormalizeText("  "), "");
}

TEST(NormalizeTest, SurvivesMalformedUtf8) {
  EXPECT_EQ(NormalizeText("ab\xC3"), "ab");
  EXPECT_EQ(NormalizeText("\xFF"
                          "cd"),
            "cd");
}

const Keyword* Longest(const KeywordLexicon& lexicon, std::string_view text) {
  const auto tokens = NormalizeTokens(text);
  auto match = lexicon.LongestAt(tokens, 0);
  return match ? match->keyword : nullptr;
}

TEST(KeywordLexiconTest, FindsChorusProKeywords) {
  KeywordLexicon lexicon;
  const Keyword* k = Longest(lexicon, "SIRET client");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->cue, Cue::kSiret);
  EXPECT_EQ(k->party, Party::kBuyer);
  k = Longest(lexicon, "SIRET dest.");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->party, Party::kBuyer);
  EXPECT_EQ(Longest(lexicon, "N° d'engagement")->cue, Cue::kOrderReference);
  EXPECT_EQ(Longest(lexicon, "EJ")->cue, Cue::kOrderReference);
  EXPECT_EQ(Longest(lexicon, "Code service")->cue, Cue::kBuyerReference);
  EXPECT_EQ(Longest(lexicon, "Numéro de marché")->cue, Cue::kContractReference);
  EXPECT_EQ(Longest(lexicon, "Ministère")->cue, Cue::kBuyerParty);
}

TEST(KeywordLexiconTest, PrefersTheLongestKeyword) {
  KeywordLexicon lexicon;
  EXPECT_EQ(Longest(lexicon, "Total TTC")->cue, Cue::kTotalWithVat);
  EXPECT_EQ(Longest(lexicon, "Total HT")->cue, Cue::kTotalWithoutVat);
  EXPECT_EQ(Longest(lexicon, "Total TVA")->cue, Cue::kTotalVat);
  EXPECT_EQ(Longest(lexicon, "N° TVA intracommunautaire")->cue, Cue::kVat);
  EXPECT_EQ(Longest(lexicon, "Net à payer")->cue, Cue::kAmountDue);
  EXPECT_EQ(Longest(lexicon, "Date de livraison")->cue, Cue::kOtherReference);
  EXPECT_LT(Longest(lexicon, "Total")->strength, Longest(lexicon, "Total TTC")->strength);
}

TEST(KeywordLexiconTest, KnowsEnglishAndGerman) {
  KeywordLexicon lexicon;
  EXPECT_EQ(Longest(lexicon, "Invoice No.")->cue, Cue::kInvoiceNumber);
  EXPECT_EQ(Longest(lexicon, "Rechnungsnummer")->cue, Cue::kInvoiceNumber);
  EXPECT_EQ(Longest(lexicon, "Rechnung Nr.")->cue, Cue::kInvoiceNumber);
  EXPECT_EQ(Longest(lexicon, "Due date")->cue, Cue::kDueDate);
  EXPECT_EQ(Longest(lexicon, "zahlbar bis")->cue, Cue::kDueDate);
  EXPECT_EQ(Longest(lexicon, "Rechnungsdatum")->cue, Cue::kIssueDate);
  EXPECT_EQ(Longest(lexicon, "Gesamtbetrag")->cue, Cue::kTotalWithVat);
  EXPECT_EQ(Longest(lexicon, "Zahlbetrag")->cue, Cue::kAmountDue);
  EXPECT_EQ(Longest(lexicon, "Bill to")->cue, Cue::kBuyerParty);
  EXPECT_EQ(Longest(lexicon, "Rechnungsempfänger")->cue, Cue::kBuyerParty);
  EXPECT_EQ(Longest(lexicon, "USt-IdNr.")->cue, Cue::kVat);
  EXPECT_EQ(Longest(lexicon, "Gutschrift")->cue, Cue::kCreditNoteTitle);
}

TEST(KeywordLexiconTest, KnowsDutchInsuranceAndQualifiedTaxWords) {
  KeywordLexicon lexicon;
  EXPECT_EQ(Longest(lexicon, "Factuur nr")->cue, Cue::kInvoiceNumber);
  EXPECT_EQ(Longest(lexicon, "Grondslag")->cue, Cue::kTotalWithoutVat);
  EXPECT_EQ(Longest(lexicon, "BTW bedrag")->cue, Cue::kTotalVat);
  EXPECT_EQ(Longest(lexicon, "Versicherungsteuer")->cue, Cue::kTotalVat);
  EXPECT_EQ(Longest(lexicon, "Rechnungsbeitrag")->cue, Cue::kTotalWithVat);
  EXPECT_EQ(Longest(lexicon, "zu zahlender Beitrag")->cue, Cue::kAmountDue);
  EXPECT_EQ(Longest(lexicon, "excl. USt.")->cue, Cue::kTotalWithoutVat);
  EXPECT_EQ(Longest(lexicon, "inkl. MwSt.")->cue, Cue::kTotalWithVat);
  EXPECT_EQ(Longest(lexicon, "Fälligkeitstag")->cue, Cue::kDueDate);
  EXPECT_EQ(Longest(lexicon, "Date de prélèvement")->cue, Cue::kDueDate);
  EXPECT_EQ(Longest(lexicon, "Rechnungszeitraum")->cue, Cue::kOtherReference);
  EXPECT_EQ(Longest(lexicon, "Offene Zahlungen")->cue, Cue::kOutstanding);
  EXPECT_EQ(Longest(lexicon, "Solde antérieur")->cue, Cue::kOutstanding);
  EXPECT_EQ(Longest(lexicon, "Numéro d'engagement juridique")->cue, Cue::kOrderReference);
  EXPECT_EQ(Longest(lexicon, "Ihr Zeichen")->cue, Cue::kBuyerReference);
  EXPECT_EQ(Longest(lexicon, "Auftragsnummer")->cue, Cue::kOrderReference);
  EXPECT_LT(Longest(lexicon, "Auftragsnummer")->strength,
            Longest(lexicon, "Bestellnummer")->strength);
  EXPECT_EQ(Longest(lexicon, "Customer VAT Number")->party, Party::kBuyer);
  EXPECT_EQ(Longest(lexicon, "Facturer à")->cue, Cue::kBuyerParty);
}

TEST(KeywordLexiconTest, NoMatchOnOrdinaryWords) {
  KeywordLexicon lexicon;
  EXPECT_EQ(Longest(lexicon, "Nougat"), nullptr);
  EXPECT_EQ(Longest(lexicon, ""), nullptr);
}

}  // namespace
}  // namespace choral::recognize
