#include "recognize/recognizer.h"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "recognize/cross_checks.h"

namespace choral::recognize {
namespace {

// Builds pages by hand: each phrase starts at x on the line at y; words are 5 points per
// character wide, 10 high, one 3-point space apart (so a phrase stays one segment).
class PageBuilder {
 public:
  PageBuilder& Phrase(double x, double y, const std::string& text) {
    std::istringstream in(text);
    std::string word;
    while (in >> word) {
      const double width = 5.0 * static_cast<double>(word.size());
      page_.words.push_back(pdf::Word{word, pdf::Box{x, y, x + width, y + 10}, false});
      x += width + 3;
    }
    return *this;
  }
  pdf::DocumentText Document() const {
    pdf::DocumentText doc;
    doc.page_count = 1;
    pdf::Page page = page_;
    page.number = 1;
    page.width = 595;
    page.height = 842;
    doc.pages.push_back(page);
    return doc;
  }

 private:
  pdf::Page page_;
};

std::string Value(const Recognition& r, Field field) {
  const FoundValue* found = r.Find(field);
  return found ? found->value : "<absent>";
}

TEST(RecognizerTest, TwoColumnChorusProInvoice) {
  PageBuilder b;
  b.Phrase(40, 40, "FOURNISSEUR").Phrase(320, 40, "CLIENT / DESTINATAIRE");
  b.Phrase(40, 52, "Bureau Conseil Etoile SARL").Phrase(320, 52, "Commune de Saint-Exemple");
  b.Phrase(40, 64, "8 rue des Lilas").Phrase(320, 64, "Place de la Mairie");
  b.Phrase(40, 76, "SIRET fournisseur : 85236974300012")
      .Phrase(320, 76, "SIRET dest. : 21345000000012");
  b.Phrase(40, 88, "TVA : FR91 852 369 743").Phrase(320, 88, "Service : SERV-TECH");
  b.Phrase(320, 100, "Engagement n° : EJ-2024-000731");
  b.Phrase(40, 160, "Facture");
  b.Phrase(40, 172, "Numéro : 2024/B-0098").Phrase(320, 172, "Bon de commande : BC-88213");
  b.Phrase(40, 184, "Émise le 02/05/2024");
  b.Phrase(40, 196, "À régler avant le : 01/06/2024");
  b.Phrase(300, 400, "Montant HT").Phrase(450, 400, "12 480,00 €");
  b.Phrase(300, 412, "TVA (20 %)").Phrase(450, 412, "2 496,00 €");
  b.Phrase(300, 424, "Montant TTC").Phrase(450, 424, "14 976,00 €");
  b.Phrase(40, 500, "IBAN FR14 2004 1010 0505 0001 3M02 606");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kDocumentType), "invoice");
  EXPECT_EQ(Value(r, Field::kInvoiceNumber), "2024/B-0098");
  EXPECT_EQ(Value(r, Field::kIssueDate), "2024-05-02");
  EXPECT_EQ(Value(r, Field::kDueDate), "2024-06-01");
  EXPECT_EQ(Value(r, Field::kSellerName), "Bureau Conseil Etoile SARL");
  EXPECT_EQ(Value(r, Field::kBuyerName), "Commune de Saint-Exemple");
  EXPECT_EQ(Value(r, Field::kSellerSiret), "85236974300012");
  EXPECT_EQ(Value(r, Field::kSellerSiren), "852369743");
  EXPECT_EQ(Value(r, Field::kSellerVat), "FR91852369743");
  EXPECT_EQ(Value(r, Field::kBuyerSiret), "21345000000012");
  EXPECT_EQ(Value(r, Field::kBuyerReference), "SERV-TECH");
  // The engagement number is what Chorus Pro asks for, before the purchase order.
  EXPECT_EQ(Value(r, Field::kOrderReference), "EJ-2024-000731");
  EXPECT_EQ(Value(r, Field::kTotalWithoutVat), "12480.00");
  EXPECT_EQ(Value(r, Field::kTotalVat), "2496.00");
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "14976.00");
  EXPECT_EQ(Value(r, Field::kAmountDue), "14976.00");
  EXPECT_EQ(Value(r, Field::kCurrency), "EUR");
  EXPECT_EQ(Value(r, Field::kIban), "FR1420041010050500013M02606");

  // Keyword, checksum and the VAT number's SIREN agree: the highest confidence.
  EXPECT_GE(r.Find(Field::kSellerSiret)->confidence, 0.9);
  EXPECT_EQ(r.Find(Field::kSellerSiret)->anchor, "SIRET fournisseur");
  EXPECT_GE(r.Find(Field::kTotalWithVat)->confidence, 0.9);
  for (const auto& [field, value] : r.fields) {
    EXPECT_GE(value.confidence, 0.0);
    EXPECT_LE(value.confidence, 1.0);
    EXPECT_EQ(value.page, 1);
  }
}

TEST(RecognizerTest, ValueBelowItsLabel) {
  PageBuilder b;
  b.Phrase(40, 40, "Invoice");
  b.Phrase(300, 60, "Invoice No").Phrase(420, 60, "Invoice date");
  b.Phrase(300, 72, "INV-0042").Phrase(420, 72, "March 15, 2024");
  b.Phrase(300, 500, "TOTAL HT").Phrase(380, 500, "TOTAL TVA").Phrase(460, 500, "TOTAL TTC");
  b.Phrase(300, 512, "100,00").Phrase(380, 512, "20,00").Phrase(460, 512, "120,00");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kInvoiceNumber), "INV-0042");
  EXPECT_EQ(Value(r, Field::kIssueDate), "2024-03-15");
  EXPECT_EQ(Value(r, Field::kTotalWithoutVat), "100.00");
  EXPECT_EQ(Value(r, Field::kTotalVat), "20.00");
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "120.00");
}

TEST(RecognizerTest, DecoyTotalLosesToTheTripleThatAddsUp) {
  PageBuilder b;
  b.Phrase(40, 40, "Facture n° F-7");
  // A line-item column headed "Total" and a subtotal that does not belong to the totals.
  b.Phrase(40, 200, "Désignation").Phrase(450, 200, "Total");
  b.Phrase(40, 212, "Conseil").Phrase(450, 212, "60,00");
  b.Phrase(40, 224, "Déplacement").Phrase(450, 224, "40,00");
  b.Phrase(300, 500, "Total HT").Phrase(450, 500, "100,00");
  b.Phrase(300, 512, "TVA 20 %").Phrase(450, 512, "20,00");
  b.Phrase(300, 524, "Total").Phrase(450, 524, "120,00");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kTotalWithoutVat), "100.00");
  EXPECT_EQ(Value(r, Field::kTotalVat), "20.00");
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "120.00");
  // A bare "Total" is a weak label: the sum makes the choice, not a high confidence.
  EXPECT_GE(r.Find(Field::kTotalWithVat)->confidence, 0.6);
}

TEST(RecognizerTest, CreditNoteAmountsAreNegative) {
  PageBuilder b;
  b.Phrase(40, 40, "Avoir AV-2017-0005");
  b.Phrase(40, 60, "Date de facture").Phrase(200, 60, "16/11/2017");
  b.Phrase(300, 500, "Total HT").Phrase(450, 500, "218,48 €");
  b.Phrase(300, 512, "Total TVA").Phrase(450, 512, "14,99 €");
  b.Phrase(300, 524, "Total TTC").Phrase(450, 524, "233,47 €");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kDocumentType), "credit_note");
  EXPECT_EQ(Value(r, Field::kInvoiceNumber), "AV-2017-0005");
  EXPECT_EQ(Value(r, Field::kTotalWithoutVat), "-218.48");
  EXPECT_EQ(Value(r, Field::kTotalVat), "-14.99");
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "-233.47");
  EXPECT_EQ(Value(r, Field::kAmountDue), "-233.47");
}

TEST(RecognizerTest, SelfBilledGutschriftIsAnInvoice) {
  PageBuilder b;
  b.Phrase(40, 40, "Gutschrift (Selbst ausgestellte Rechnung) Nr. 471102");
  b.Phrase(300, 500, "Gesamtbetrag").Phrase(450, 500, "529,87");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_NE(Value(r, Field::kDocumentType), "credit_note");
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "529.87");
}

TEST(RecognizerTest, BuyerIdentifiersInTheBuyerBlock) {
  PageBuilder b;
  b.Phrase(40, 40, "ACME SAS");
  b.Phrase(40, 52, "SIRET : 732 829 320 00074");
  b.Phrase(320, 120, "Facturé à");
  b.Phrase(320, 132, "Industries Martin SA");
  b.Phrase(320, 144, "SIRET : 852 369 743 00012");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerSiret), "73282932000074");
  EXPECT_EQ(Value(r, Field::kBuyerSiret), "85236974300012");
  EXPECT_EQ(Value(r, Field::kBuyerName), "Industries Martin SA");
  // No VAT number to tie them: never the top confidence.
  EXPECT_LT(r.Find(Field::kSellerSiret)->confidence, 0.9);
}

TEST(RecognizerTest, StreetLineIsNeverTheName) {
  PageBuilder b;
  b.Phrase(40, 40, "Verkäufer:");
  b.Phrase(40, 52, "Lieferant GmbH");
  b.Phrase(40, 64, "Lieferantenstraße 20");
  b.Phrase(40, 76, "80333 München");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerName), "Lieferant GmbH");
}

TEST(RecognizerTest, SellerVatIsTheOneCarryingTheSellerSiren) {
  PageBuilder b;
  b.Phrase(40, 40, "ACME SAS");
  b.Phrase(40, 52, "SIRET : 85236974300012");
  b.Phrase(40, 64, "N° TVA intra : FR 91 852 369 743");
  b.Phrase(40, 800, "Groupe Mère - N° TVA : FR32 123 456 789");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerVat), "FR91852369743");
}

TEST(RecognizerTest, PeriodStartIsNotTheInvoiceDate) {
  PageBuilder b;
  b.Phrase(400, 40, "FACTURE");
  b.Phrase(400, 52, "20/09/2023");
  b.Phrase(40, 300, "Chambre du 09/08/2023 au 15/08/2023");
  b.Phrase(40, 400, "Gemäß Ihres Schreibens vom 10.09.2023 erhalten Sie");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kIssueDate), "2023-09-20");
}

TEST(RecognizerTest, TitleLineDatesTheInvoice) {
  PageBuilder b;
  b.Phrase(40, 40, "Rechnung Nr. 471102 vom 05.03.2018");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kIssueDate), "2018-03-05");
}

TEST(RecognizerTest, EnglishDocumentReadsAmbiguousDatesMonthFirst) {
  PageBuilder b;
  b.Phrase(40, 40, "Invoice Date : 11/03/2017");
  b.Phrase(40, 52, "Due Date : 12/03/2017");
  b.Phrase(40, 100, "Please pay the amount due to the account below, with your invoice number.");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kIssueDate), "2017-11-03");
  EXPECT_EQ(Value(r, Field::kDueDate), "2017-12-03");
}

TEST(RecognizerTest, UnambiguousDateSetsTheOrderOverTheLanguage) {
  PageBuilder b;
  b.Phrase(40, 40, "Invoice Date : 11/03/2017");
  b.Phrase(40, 52, "Due Date : 25/03/2017");
  b.Phrase(40, 100, "Please pay the amount due to the account below, with your invoice number.");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kIssueDate), "2017-03-11");
}

TEST(RecognizerTest, HyphenatedCompoundIsItsLabel) {
  PageBuilder b;
  b.Phrase(40, 40, "Beleg-Datum : 16.09.2013");
  b.Phrase(40, 52, "Lieferschein vom 05.08.2013");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kIssueDate), "2013-09-16");
  EXPECT_EQ(r.Find(Field::kIssueDate)->anchor, "Beleg-Datum");
}

TEST(RecognizerTest, LetterheadWithIdentifiersNamesTheSeller) {
  PageBuilder b;
  b.Phrase(100, 30, "Au bon moulin SARL - 12 chemin de l'olive - 84340 Malaucène");
  b.Phrase(100, 42, "TVA : FR91852369743 - SIRET : 85236974300012");
  b.Phrase(320, 130, "Ma jolie boutique");
  b.Phrase(320, 142, "Alexandre Payet");
  b.Phrase(320, 154, "35 rue de la République");
  b.Phrase(320, 166, "69001 Lyon");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerName), "Au bon moulin SARL");
  // The addressee's name heads its address, above the contact person.
  EXPECT_EQ(Value(r, Field::kBuyerName), "Ma jolie boutique");
}

TEST(RecognizerTest, CourtesyTitleOpensTheAddresseesAddress) {
  PageBuilder b;
  b.Phrase(40, 100, "Herrn");
  b.Phrase(40, 112, "Max Mustermann");
  b.Phrase(40, 124, "Musterstr. 11");
  b.Phrase(40, 136, "12346 Bad Musterhausen");
  b.Phrase(40, 200, "Muster Versicherung");
  b.Phrase(40, 212, "Musterstr. 12");
  b.Phrase(40, 224, "12345 Musterstadt");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kBuyerName), "Max Mustermann");
  EXPECT_EQ(Value(r, Field::kSellerName), "Muster Versicherung");
}

TEST(RecognizerTest, DeliveryAddressBelongsToNeitherParty) {
  PageBuilder b;
  b.Phrase(40, 40, "ACME SAS - 3 rue Neuve - 75001 Paris");
  b.Phrase(40, 52, "SIRET : 85236974300012");
  b.Phrase(40, 120, "Adresse de livraison");
  b.Phrase(40, 132, "Entrepôt Nord");
  b.Phrase(40, 144, "8 rue du Port");
  b.Phrase(320, 132, "Boutique Martin");
  b.Phrase(320, 144, "35 rue de la République");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kBuyerName), "Boutique Martin");
}

TEST(RecognizerTest, NothingFoundNothingGuessed) {
  PageBuilder b;
  b.Phrase(40, 40, "Lorem ipsum dolor sit amet");
  b.Phrase(40, 52, "consectetur 42 adipiscing");
  const Recognition r = Recognizer().Recognize(b.Document());
  EXPECT_EQ(r.Find(Field::kInvoiceNumber), nullptr);
  EXPECT_EQ(r.Find(Field::kTotalWithVat), nullptr);
  EXPECT_EQ(r.Find(Field::kIssueDate), nullptr);
  EXPECT_EQ(r.Find(Field::kSellerSiret), nullptr);
}

TEST(RecognizerTest, ScannedDocumentYieldsNothing) {
  pdf::DocumentText doc;
  doc.is_scanned = true;
  doc.page_count = 1;
  doc.pages.push_back(pdf::Page{});
  EXPECT_TRUE(Recognizer().Recognize(doc).fields.empty());
}

TEST(CrossChecksTest, ChoosesTheTripleThatAddsUp) {
  using core::Decimal;
  const std::vector<AmountOption> ht = {{Decimal::FromCents(6000), 0.9, 1},
                                        {Decimal::FromCents(10000), 0.8, 2}};
  const std::vector<AmountOption> vat = {{Decimal::FromCents(2000), 0.7, 3}};
  const std::vector<AmountOption> ttc = {{Decimal::FromCents(12000), 0.6, 4}};
  const TotalsChoice choice = ChooseTotals(ht, vat, ttc);
  EXPECT_EQ(choice.without_vat, 1);
  EXPECT_EQ(choice.vat, 0);
  EXPECT_EQ(choice.with_vat, 0);
  EXPECT_TRUE(choice.adds_up);
}

TEST(CrossChecksTest, VatTiesToSiren) {
  EXPECT_TRUE(VatMatchesSiren("FR11999999998", "999999998"));
  EXPECT_TRUE(VatMatchesSiren("FR11999999998", "99999999800010"));
  EXPECT_FALSE(VatMatchesSiren("FR11999999998", "123456782"));
  EXPECT_FALSE(VatMatchesSiren("DE123456789", "123456789"));
}

TEST(FieldNameTest, RoundTrips) {
  for (Field field : AllFields()) {
    EXPECT_EQ(ParseFieldName(FieldName(field)), field);
  }
  EXPECT_EQ(FieldName(Field::kTotalWithoutVat), "total_without_vat");
  EXPECT_FALSE(ParseFieldName("nope"));
}

}  // namespace
}  // namespace choral::recognize
