#include "formats/invoice_summary.h"

#include <cctype>
#include <cstring>

#include <pugixml.hpp>

#include "core/date.h"
#include "core/decimal.h"

namespace choral::formats {
namespace {

// Namespace prefixes differ between producers (rsm:, ram:, cac:, none...): match local names.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local_name) {
  if (!node) return {};
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local_name) return child;
  }
  return {};
}

// Follows "A/B/C" through local names.
pugi::xml_node Path(pugi::xml_node node, std::string_view path) {
  while (node && !path.empty()) {
    size_t slash = path.find('/');
    node = Child(node, path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return node;
}

// The first child whose local name ends with `suffix` (ZUGFeRD 1 and 2 name the same group
// ApplicableSupplyChainTradeAgreement and ApplicableHeaderTradeAgreement).
pugi::xml_node ChildEndingWith(pugi::xml_node node, std::string_view suffix) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = LocalName(child);
    if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
      return child;
    }
  }
  return {};
}

std::optional<std::string> Text(pugi::xml_node node) {
  if (!node) return std::nullopt;
  std::string text = node.text().get();
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return std::nullopt;
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::optional<std::string> Compact(std::optional<std::string> text) {
  if (!text) return text;
  std::string out;
  for (char c : *text) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

std::optional<std::string> IsoDate(std::optional<std::string> text) {
  if (!text) return std::nullopt;
  auto date = core::Date::Parse(*text);
  return date ? std::optional<std::string>(date->ToIso()) : std::nullopt;
}

std::optional<std::string> Amount(std::optional<std::string> text, bool credit_note) {
  if (!text) return std::nullopt;
  auto amount = core::Decimal::Parse(*text);
  if (!amount) return std::nullopt;
  core::Decimal cents = amount->RoundToCents();
  // A credit note states positive amounts that the supplier owes back: report them negative, as
  // an invoice with negative lines would (Factur-X allows both ways of writing a credit note).
  if (credit_note && !cents.IsNegative()) cents = -cents;
  return cents.ToString(2);
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// SIRET (14 digits) or SIREN (9 digits) from a legal or global identifier.
void SetCompanyIds(std::optional<std::string> id, std::optional<std::string>& siret,
                   std::optional<std::string>& siren) {
  id = Compact(std::move(id));
  if (!id || !AllDigits(*id)) return;
  if (id->size() == 14 && !siret) siret = *id;
  if (id->size() == 9 && !siren) siren = *id;
  if (siret && !siren) siren = siret->substr(0, 9);
}

struct Party {
  std::optional<std::string> name, siret, siren, vat;
};

Party CiiParty(pugi::xml_node party) {
  Party p;
  p.name = Text(Child(party, "Name"));
  SetCompanyIds(Text(Path(party, "SpecifiedLegalOrganization/ID")), p.siret, p.siren);
  for (pugi::xml_node child : party.children()) {
    if (LocalName(child) == "GlobalID" &&
        std::strcmp(child.attribute("schemeID").value(), "0009") == 0) {
      SetCompanyIds(Text(child), p.siret, p.siren);
    }
    if (LocalName(child) == "SpecifiedTaxRegistration") {
      pugi::xml_node id = Child(child, "ID");
      if (std::strcmp(id.attribute("schemeID").value(), "VA") == 0 && !p.vat)
        p.vat = Compact(Text(id));
    }
  }
  return p;
}

Party UblParty(pugi::xml_node party) {
  Party p;
  p.name = Text(Path(party, "PartyLegalEntity/RegistrationName"));
  if (!p.name) p.name = Text(Path(party, "PartyName/Name"));
  SetCompanyIds(Text(Path(party, "PartyLegalEntity/CompanyID")), p.siret, p.siren);
  for (pugi::xml_node child : party.children()) {
    if (LocalName(child) == "PartyIdentification") {
      pugi::xml_node id = Child(child, "ID");
      if (std::strcmp(id.attribute("schemeID").value(), "0009") == 0 ||
          std::strcmp(id.attribute("schemeID").value(), "0002") == 0) {
        SetCompanyIds(Text(id), p.siret, p.siren);
      }
    }
    if (LocalName(child) == "PartyTaxScheme" && !p.vat)
      p.vat = Compact(Text(Child(child, "CompanyID")));
  }
  return p;
}

void SetParties(InvoiceSummary& s, const Party& seller, const Party& buyer) {
  s.seller_name = seller.name;
  s.seller_siret = seller.siret;
  s.seller_siren = seller.siren;
  s.seller_vat = seller.vat;
  s.buyer_name = buyer.name;
  s.buyer_siret = buyer.siret;
  s.buyer_siren = buyer.siren;
  s.buyer_vat = buyer.vat;
}

// The tax total in the invoice currency: BT-110 (BT-111 repeats it in the accounting currency).
std::optional<std::string> TaxTotal(pugi::xml_node summation,
                                    const std::optional<std::string>& currency) {
  std::optional<std::string> first;
  for (pugi::xml_node child : summation.children()) {
    if (LocalName(child) != "TaxTotalAmount") continue;
    std::string_view id = child.attribute("currencyID").value();
    if (!first) first = Text(child);
    if (currency && id == *currency) return Text(child);
  }
  return first;
}

InvoiceSummary ReadCii(pugi::xml_node root, bool zugferd1) {
  InvoiceSummary s;
  s.syntax = zugferd1 ? "CII-D16A" : "CII";
  pugi::xml_node document = Child(root, zugferd1 ? "HeaderExchangedDocument" : "ExchangedDocument");
  s.invoice_number = Text(Child(document, "ID"));
  auto type = Text(Child(document, "TypeCode"));
  bool credit_note = type && (*type == "381" || *type == "261" || *type == "396");
  if (type) s.document_type = credit_note ? "credit_note" : "invoice";
  s.issue_date = IsoDate(Text(Path(document, "IssueDateTime/DateTimeString")));

  pugi::xml_node transaction = Child(
      root, zugferd1 ? "SpecifiedSupplyChainTradeTransaction" : "SupplyChainTradeTransaction");
  pugi::xml_node agreement = ChildEndingWith(transaction, "TradeAgreement");
  SetParties(s, CiiParty(Child(agreement, "SellerTradeParty")),
             CiiParty(Child(agreement, "BuyerTradeParty")));
  s.buyer_reference = Text(Child(agreement, "BuyerReference"));
  const char* reference_id = zugferd1 ? "ID" : "IssuerAssignedID";
  s.order_reference = Text(Child(Child(agreement, "BuyerOrderReferencedDocument"), reference_id));
  s.contract_reference = Text(Child(Child(agreement, "ContractReferencedDocument"), reference_id));

  pugi::xml_node settlement = ChildEndingWith(transaction, "TradeSettlement");
  s.currency = Compact(Text(Child(settlement, "InvoiceCurrencyCode")));
  for (pugi::xml_node means : settlement.children()) {
    if (LocalName(means) != "SpecifiedTradeSettlementPaymentMeans") continue;
    if (auto iban = Compact(Text(Path(means, "PayeePartyCreditorFinancialAccount/IBANID")))) {
      s.iban = iban;
      break;
    }
  }
  s.due_date =
      IsoDate(Text(Path(settlement, "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")));
  pugi::xml_node summation = ChildEndingWith(settlement, "MonetarySummation");
  s.total_without_vat = Amount(Text(Child(summation, "TaxBasisTotalAmount")), credit_note);
  s.total_vat = Amount(TaxTotal(summation, s.currency), credit_note);
  s.total_with_vat = Amount(Text(Child(summation, "GrandTotalAmount")), credit_note);
  s.amount_due = Amount(Text(Child(summation, "DuePayableAmount")), credit_note);
  return s;
}

InvoiceSummary ReadUbl(pugi::xml_node root) {
  InvoiceSummary s;
  s.syntax = "UBL";
  bool credit_note = LocalName(root) == "CreditNote";
  auto type = Text(Child(root, credit_note ? "CreditNoteTypeCode" : "InvoiceTypeCode"));
  if (type && *type == "381") credit_note = true;
  s.document_type = credit_note ? "credit_note" : "invoice";
  s.invoice_number = Text(Child(root, "ID"));
  s.issue_date = IsoDate(Text(Child(root, "IssueDate")));
  s.due_date = IsoDate(Text(Child(root, "DueDate")));
  if (!s.due_date) s.due_date = IsoDate(Text(Path(root, "PaymentMeans/PaymentDueDate")));
  SetParties(s, UblParty(Path(root, "AccountingSupplierParty/Party")),
             UblParty(Path(root, "AccountingCustomerParty/Party")));
  s.buyer_reference = Text(Child(root, "BuyerReference"));
  s.order_reference = Text(Path(root, "OrderReference/ID"));
  s.contract_reference = Text(Path(root, "ContractDocumentReference/ID"));
  s.currency = Compact(Text(Child(root, "DocumentCurrencyCode")));
  s.iban = Compact(Text(Path(root, "PaymentMeans/PayeeFinancialAccount/ID")));
  pugi::xml_node totals = Child(root, "LegalMonetaryTotal");
  s.total_without_vat = Amount(Text(Child(totals, "TaxExclusiveAmount")), credit_note);
  s.total_with_vat = Amount(Text(Child(totals, "TaxInclusiveAmount")), credit_note);
  s.amount_due = Amount(Text(Child(totals, "PayableAmount")), credit_note);
  for (pugi::xml_node tax : root.children()) {
    if (LocalName(tax) != "TaxTotal") continue;
    pugi::xml_node amount = Child(tax, "TaxAmount");
    if (!s.currency || amount.attribute("currencyID").value() == *s.currency) {
      s.total_vat = Amount(Text(amount), credit_note);
      break;
    }
  }
  return s;
}

}  // namespace

core::Result<InvoiceSummary> ReadInvoiceSummary(std::string_view xml, size_t max_bytes) {
  if (xml.size() > max_bytes) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the XML is " + std::to_string(xml.size()) + " bytes; the limit is " +
                          std::to_string(max_bytes));
  }
  pugi::xml_document document;
  // parse_default leaves DOCTYPE unparsed and expands only the five predefined entities: no
  // entity expansion bombs, no external entities.
  pugi::xml_parse_result parsed =
      document.load_buffer(xml.data(), xml.size(), pugi::parse_default & ~pugi::parse_doctype);
  if (!parsed) {
    // pugixml gives a byte offset: turn it into line:column for the user.
    size_t offset = static_cast<size_t>(parsed.offset);
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset && i < xml.size(); ++i) {
      if (xml[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return core::Fail(core::ErrorCode::kMalformedInput,
                      "XML does not parse at " + std::to_string(line) + ":" +
                          std::to_string(column) + ": " + parsed.description());
  }
  pugi::xml_node root = document.document_element();
  std::string_view name = LocalName(root);
  if (name == "CrossIndustryInvoice") return ReadCii(root, false);
  if (name == "CrossIndustryDocument") return ReadCii(root, true);
  if (name == "Invoice" || name == "CreditNote") return ReadUbl(root);
  return core::Fail(core::ErrorCode::kUnsupported,
                    "root element <" + std::string(root.name()) +
                        "> is neither a CII CrossIndustryInvoice nor a UBL Invoice/CreditNote");
}

}  // namespace choral::formats
