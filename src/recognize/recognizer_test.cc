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

TEST(RecognizerTest, IdentifiersUnderTheAddresseeAreTheBuyers) {
  PageBuilder b;
  b.Phrase(40, 40, "Hotel du Port SAS");
  b.Phrase(40, 52, "2 rue de la Paix");
  b.Phrase(40, 64, "75000 Paris");
  b.Phrase(350, 120, "Maison Exemple SARL");
  b.Phrase(350, 132, "27 rue de Bassano");
  b.Phrase(350, 144, "75008 Paris");
  b.Phrase(350, 166, "TVA : FR38500003710");
  b.Phrase(350, 178, "SIRET : 50000371000034");
  b.Phrase(40, 800, "SAS au capital de 1000 EUR - SIRET 12345682400016 - TVA FR40123456824");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerSiret), "12345682400016");
  EXPECT_EQ(Value(r, Field::kSellerVat), "FR40123456824");
  EXPECT_EQ(Value(r, Field::kBuyerSiret), "50000371000034");
  EXPECT_EQ(Value(r, Field::kBuyerVat), "FR38500003710");
}

TEST(RecognizerTest, OnlyIdentifierUnderTheSecondAddressStaysTheSellers) {
  // Nothing else to tell them apart: the unclaimed identifier keeps the seller's default.
  PageBuilder b;
  b.Phrase(40, 40, "Hotel du Port SAS");
  b.Phrase(40, 52, "2 rue de la Paix");
  b.Phrase(350, 120, "Maison Exemple SARL");
  b.Phrase(350, 132, "27 rue de Bassano");
  b.Phrase(350, 154, "SIRET : 50000371000034");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerSiret), "50000371000034");
  EXPECT_EQ(Value(r, Field::kBuyerSiret), "<absent>");
}

TEST(RecognizerTest, NameOnTwoLinesAndColonHeadings) {
  PageBuilder b;
  b.Phrase(40, 40, "Verkäufer:");
  b.Phrase(40, 52, "MVM Musterhafter");
  b.Phrase(40, 63, "Versicherungsverein Musterstadt a.G.");
  b.Phrase(40, 75, "Musterstr. 12");
  b.Phrase(40, 87, "12345 Musterstadt");
  b.Phrase(40, 120, "Käufer:");
  b.Phrase(40, 132, "Metallbau Leipzig GmbH");
  b.Phrase(40, 144, "Pappelallee 15");
  b.Phrase(40, 156, "12345 Leipzig");
  b.Phrase(40, 190, "Steuerbevollmächtigter des Verkäufers:");
  b.Phrase(40, 202, "Global Financial Services");
  b.Phrase(40, 214, "Friedrichstraße 165");
  b.Phrase(40, 226, "12345 Berlin");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerName), "MVM Musterhafter Versicherungsverein Musterstadt a.G.");
  EXPECT_EQ(Value(r, Field::kBuyerName), "Metallbau Leipzig GmbH");
}

TEST(RecognizerTest, QualifiedVatWordNamesTheTotal) {
  PageBuilder b;
  b.Phrase(40, 40, "RECHNUNG Nr. 471102");
  b.Phrase(40, 400, "Rechnungssumme Netto (excl. USt.)").Phrase(450, 400, "473,00");
  b.Phrase(60, 412, "Steuerbasisbetrag USt. 7%")
      .Phrase(380, 412, "275,00")
      .Phrase(450, 412, "19,25");
  b.Phrase(60, 424, "Steuerbasisbetrag USt. 19%")
      .Phrase(380, 424, "198,00")
      .Phrase(450, 424, "37,62");
  b.Phrase(40, 436, "Rechnungssumme Brutto (inkl. USt.)").Phrase(450, 436, "529,87");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kTotalWithoutVat), "473.00");
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "529.87");
}

TEST(RecognizerTest, GroupedReferencesAndEngagementJuridique) {
  PageBuilder b;
  b.Phrase(40, 100, "Referenz des Käufers").Phrase(200, 100, ": 05 158 004 - 11023 - 45");
  b.Phrase(40, 112, "Numéro d'engagement juridique : 1300987654");
  b.Phrase(40, 124, "Bon de commande n° BDC-2024-3321");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kBuyerReference), "05 158 004 - 11023 - 45");
  EXPECT_EQ(Value(r, Field::kOrderReference), "1300987654");

  PageBuilder german;
  german.Phrase(40, 100, "Ihr Zeichen: AB-312");
  german.Phrase(40, 112, "Bestell-Nr").Phrase(200, 112, ": B123456789");
  german.Phrase(40, 160, "Auftrag-Nr").Phrase(200, 160, ": A456123");
  const Recognition g = recognizer.Recognize(german.Document());
  EXPECT_EQ(Value(g, Field::kBuyerReference), "AB-312");
  EXPECT_EQ(Value(g, Field::kOrderReference), "B123456789");
}

TEST(RecognizerTest, InvoiceNumbersOfManyShapes) {
  Recognizer recognizer;
  {
    // Nine digits that happen to pass the SIREN's Luhn check.
    PageBuilder b;
    b.Phrase(40, 100, "Factuurnummer: 732829320");
    EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kInvoiceNumber), "732829320");
  }
  {
    PageBuilder b;
    b.Phrase(40, 100, "Facture n°562044387 du 02 Juillet 2015");
    EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kInvoiceNumber), "562044387");
  }
  {
    PageBuilder b;
    b.Phrase(40, 100, "Baurechnung Nr. 181301674 vom 25.04.2018");
    EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kInvoiceNumber), "181301674");
  }
  {
    // A table header names its cells: "Factuur" over the number.
    PageBuilder b;
    b.Phrase(40, 100, "Klant").Phrase(200, 100, "Factuur datum").Phrase(320, 100, "Factuur");
    b.Phrase(420, 100, "Vervaldatum");
    b.Phrase(40, 112, "SC0303006").Phrase(200, 112, "8-9-2022").Phrase(320, 112, "VF1005193039");
    b.Phrase(420, 112, "22-9-2022");
    EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kInvoiceNumber), "VF1005193039");
  }
}

TEST(RecognizerTest, MinistereStartsThePublicBuyersName) {
  Recognizer recognizer;
  {
    PageBuilder b;
    b.Phrase(40, 100, "Facturer à : Ministère de l'Intérieur - Secrétariat général");
    b.Phrase(40, 112, "SIRET : 11000456100012");
    const Recognition r = recognizer.Recognize(b.Document());
    EXPECT_EQ(Value(r, Field::kBuyerName), "Ministère de l'Intérieur");
    EXPECT_EQ(Value(r, Field::kBuyerSiret), "11000456100012");
  }
  {
    PageBuilder b;
    b.Phrase(40, 100, "Client : Ministère des Armées — Service du commissariat");
    EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kBuyerName), "Ministère des Armées");
  }
  {
    PageBuilder b;
    b.Phrase(40, 100, "Destinataire :");
    b.Phrase(40, 112, "MINISTÈRE DE LA TRANSITION ÉCOLOGIQUE");
    b.Phrase(40, 124, "Direction des achats, 246 boulevard Saint-Germain, 75007 Paris");
    EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kBuyerName),
              "MINISTÈRE DE LA TRANSITION ÉCOLOGIQUE");
  }
}

TEST(RecognizerTest, InsurancePremiumTotals) {
  PageBuilder b;
  b.Phrase(40, 40, "Beitragsrechnung Nr. 01.234.567.8");
  b.Phrase(40, 52, "Rechnungszeitraum: 01.04.2014 - 30.06.2014");
  b.Phrase(40, 64, "Fälligkeitstag: 06.12.2013");
  b.Phrase(40, 400, "Gesamtbeitrag").Phrase(300, 400, "50,00 €");
  b.Phrase(40, 412, "Versicherungsteuer 19 %").Phrase(300, 412, "9,50 €");
  b.Phrase(40, 424, "Rechnungsbeitrag").Phrase(300, 424, "59,50 €");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kTotalWithoutVat), "50.00");
  EXPECT_EQ(Value(r, Field::kTotalVat), "9.50");
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "59.50");
  EXPECT_EQ(Value(r, Field::kDueDate), "2013-12-06");
  // The billing period's start is not the invoice's date.
  EXPECT_NE(Value(r, Field::kIssueDate), "2014-04-01");
}

TEST(RecognizerTest, IncludedTaxIsNeitherNegativeNorTheGross) {
  PageBuilder b;
  b.Phrase(40, 400, "Beitrag inklusive 19 % Versicherungsteuer").Phrase(400, 400, "220,00 €");
  b.Phrase(40, 412, "in diesem Beitrag enthaltene Versicherungsteuer")
      .Phrase(400, 412, "(35,13 €)");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kTotalVat), "35.13");
}

TEST(RecognizerTest, ChecksumPassingIbanBeforeWhatFollowsIt) {
  PageBuilder b;
  b.Phrase(40, 700,
           "Coordonnées bancaires - IBAN FR14 2004 1010 0505 0001 3M02 606 - BIC PSSTFRPPBOR");
  Recognizer recognizer;
  EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kIban), "FR1420041010050500013M02606");
}

TEST(RecognizerTest, ReturnAddressLineNamesTheSenderAndTheAddressee) {
  PageBuilder b;
  b.Phrase(80, 150, "Bei Spiel GmbH").Phrase(160, 150, "●").Phrase(175, 150, "Ecke 12");
  b.Phrase(230, 150, "●").Phrase(245, 150, "12345 Stadthausen");
  b.Phrase(70, 163, "Theodor Est");
  b.Phrase(70, 176, "Bahnstr. 42");
  b.Phrase(70, 189, "88802 Spielkreis");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerName), "Bei Spiel GmbH");
  EXPECT_EQ(Value(r, Field::kBuyerName), "Theodor Est");
}

TEST(RecognizerTest, GenericWordAboveAnAddressIsNoName) {
  PageBuilder b;
  b.Phrase(20, 120, "Firma");
  b.Phrase(20, 132, "Elektromarkt Bamby");
  b.Phrase(20, 144, "Adlerstrasse 452");
  b.Phrase(20, 156, "D-07545 GERA");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_NE(Value(r, Field::kSellerName), "Firma");
  EXPECT_NE(Value(r, Field::kBuyerName), "Firma");
}

TEST(RecognizerTest, EnglishQualifiersAndReferences) {
  PageBuilder b;
  b.Phrase(30, 40, "Invoice FA-2017-0008");
  b.Phrase(30, 220, "Invoice # RE-2020/508 issued at 2020-11-21");
  b.Phrase(30, 232, "Date of delivery 2020-11-10");
  b.Phrase(30, 284, "Your Reference").Phrase(150, 284, "COMPRA0832");
  b.Phrase(30, 300, "Customer VAT Number").Phrase(150, 300, "ESA12345674");
  b.Phrase(30, 316, "Incoterms").Phrase(150, 316, "DELIVERED DUTY UNPAID");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kOrderReference), "COMPRA0832");
  EXPECT_EQ(Value(r, Field::kBuyerVat), "ESA12345674");
  EXPECT_EQ(Value(r, Field::kIssueDate), "2020-11-21");
  EXPECT_NE(Value(r, Field::kBuyerName), "Incoterms");
}

TEST(RecognizerTest, GluedLabelsAndUnits) {
  PageBuilder b;
  b.Phrase(255, 57, "UStID#DE123456789");
  b.Phrase(395, 388, "Einzel/€").Phrase(480, 388, "Gesamt/€");
  b.Phrase(395, 400, "12,00").Phrase(480, 400, "24,00");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerVat), "DE123456789");
  EXPECT_EQ(Value(r, Field::kCurrency), "EUR");
}

TEST(RecognizerTest, VatBreakdownBaseIsTheNetTotal) {
  PageBuilder b;
  b.Phrase(348, 436, "BTW %").Phrase(394, 436, "Grondslag BTW bedrag").Phrase(524, 436, "Totaal");
  b.Phrase(357, 448, "21 %").Phrase(413, 448, "41,31").Phrase(475, 448, "8,68");
  b.Phrase(528, 448, "49,99");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kTotalWithoutVat), "41.31");
  EXPECT_EQ(Value(r, Field::kTotalVat), "8.68");
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "49.99");
}

TEST(RecognizerTest, LegalMentionNamesTheSellerAndItsSiren) {
  PageBuilder b;
  b.Phrase(40, 100, "Facture n° 562044387 du 02/07/2015");
  b.Phrase(255, 200, "M. Alexis Martin");
  b.Phrase(255, 212, "12 rue des Fleurs");
  b.Phrase(255, 224, "69100 Villeurbanne");
  b.Phrase(45, 773, "Free SAS au capital de 3.441.812 Euros - B 421 938 861 RCS Paris");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kSellerName), "Free SAS");
  EXPECT_EQ(Value(r, Field::kSellerSiren), "421938861");
}

TEST(RecognizerTest, OrderIdFailingAnIbanCheckIsAReference) {
  PageBuilder b;
  b.Phrase(8, 91, "Order ID: OD304175096047380001");
  b.Phrase(56, 655, "Please remit until 2020-12-12.");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kOrderReference), "OD304175096047380001");
  EXPECT_EQ(Value(r, Field::kIban), "<absent>");
  EXPECT_EQ(Value(r, Field::kDueDate), "2020-12-12");
}

TEST(RecognizerTest, OutstandingAmountsRaiseTheAmountDue) {
  PageBuilder b;
  b.Phrase(290, 700, "Rechnungssumme ohne USt.").Phrase(508, 700, "220,00");
  b.Phrase(290, 712, "Steuerbetrag").Phrase(508, 712, "0,00");
  b.Phrase(290, 724, "Bruttosumme").Phrase(508, 724, "220,00");
  b.Phrase(290, 736, "Offene Zahlungen").Phrase(508, 736, "220,00");
  b.Phrase(290, 748, "Zahlbetrag").Phrase(508, 748, "440,00");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "220.00");
  EXPECT_EQ(Value(r, Field::kAmountDue), "440.00");
}

TEST(RecognizerTest, CorrectionInvoiceVatTakesTheTotalsSign) {
  PageBuilder b;
  b.Phrase(290, 700, "Rechnungssumme ohne USt.").Phrase(508, 700, "-7,67");
  b.Phrase(290, 712, "Steuerbetrag").Phrase(508, 712, "1,12");
  b.Phrase(290, 724, "Bruttosumme").Phrase(508, 724, "-8,79");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kTotalWithoutVat), "-7.67");
  EXPECT_EQ(Value(r, Field::kTotalVat), "-1.12");
  EXPECT_EQ(Value(r, Field::kTotalWithVat), "-8.79");
}

TEST(RecognizerTest, TotalsLabelBeatsABreakdownColumnHeader) {
  PageBuilder b;
  b.Phrase(69, 460, "Total HT ( EUR )").Phrase(487, 460, "1 326,00");
  b.Phrase(69, 474, "Net à payer ( EUR )").Phrase(487, 474, "1 400,00");
  b.Phrase(74, 546, "Type Taxe").Phrase(209, 546, "Taux Taxe").Phrase(340, 546, "Montant HT");
  b.Phrase(463, 546, "Montant Taxe");
  b.Phrase(74, 558, "TVA").Phrase(220, 558, "20,00").Phrase(365, 558, "510,00");
  b.Phrase(496, 558, "102,00");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kTotalWithoutVat), "1326.00");
}

TEST(RecognizerTest, CaptionBeatsAReferenceCitedInASentence) {
  PageBuilder b;
  b.Phrase(50, 265, "Bestellung").Phrase(230, 265, ": 2013-471331");
  b.Phrase(50, 529, "Rechnung gemäß Bestellung Nr. 2018-471331 vom 01.03.2018.");
  Recognizer recognizer;
  EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kOrderReference), "2013-471331");
}

TEST(RecognizerTest, PartyWordAfterAnArticleNamesAParty) {
  Recognizer recognizer;
  {
    PageBuilder b;
    b.Phrase(400, 86, "Adresse du Client");
    b.Phrase(406, 120, "LE CLIENT");
    b.Phrase(406, 134, "MON ADRESSE LIGNE 1");
    EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kBuyerName), "LE CLIENT");
  }
  {
    // With its colon it heads the block.
    PageBuilder b;
    b.Phrase(400, 86, "Le client :");
    b.Phrase(400, 98, "Boulangerie Martin");
    EXPECT_EQ(Value(recognizer.Recognize(b.Document()), Field::kBuyerName), "Boulangerie Martin");
  }
}

TEST(RecognizerTest, UnderscoreJoinedCodesAreValuesNotLabels) {
  PageBuilder b;
  b.Phrase(458, 28, "INVOICE");
  b.Phrase(460, 60, "# invoice_number_1");
  b.Phrase(400, 180, "PO Number:").Phrase(494, 180, "po_number_123");
  Recognizer recognizer;
  const Recognition r = recognizer.Recognize(b.Document());
  EXPECT_EQ(Value(r, Field::kInvoiceNumber), "invoice_number_1");
  EXPECT_EQ(Value(r, Field::kOrderReference), "po_number_123");
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
