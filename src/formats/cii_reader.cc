// The EN 16931-3-3 binding of CII, read the way the official CII schematron reads it (CEN
// artefacts EN16931-CII-validation): the same elements feed the same business terms, so a rule
// written over the model sees what the schematron sees.
#include "formats/cii_reader.h"

#include <string_view>
#include <vector>

#include "formats/xml_access.h"

namespace choral::formats {
namespace {

using invoice::DateText;
using invoice::DecimalText;
using invoice::Identifier;
using invoice::SourceOffset;
using xml::Attribute;
using xml::Decimal;
using xml::NamespaceOf;
using xml::StringValue;
using xml::Text;

// The element's byte offset, where a finding about it points.
SourceOffset Offset(const pugi::xml_node& node) { return xml::OffsetOf(node); }

// D16B and D22B share these namespace names; only the prefixes vary between producers.
constexpr std::string_view kRsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
constexpr std::string_view kRam =
    "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
constexpr std::string_view kUdt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
constexpr std::string_view kQdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

std::string_view LocalName(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool Is(const pugi::xml_node& node, std::string_view ns, std::string_view local) {
  return node.type() == pugi::node_element && LocalName(node.name()) == local &&
         NamespaceOf(node) == ns;
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view ns, std::string_view local) {
  if (!parent) return {};
  for (pugi::xml_node child : parent.children()) {
    if (Is(child, ns, local)) return child;
  }
  return {};
}

// A ram: child of a ram: child ("A/B"), the commonest path shape of the binding.
pugi::xml_node Ram(const pugi::xml_node& parent, std::string_view local) {
  return Child(parent, kRam, local);
}
pugi::xml_node Ram(const pugi::xml_node& parent, std::string_view first, std::string_view second) {
  return Ram(Ram(parent, first), second);
}

template <typename Visit>
void ForEach(const pugi::xml_node& parent, std::string_view ns, std::string_view local,
             Visit&& visit) {
  if (!parent) return;
  for (pugi::xml_node child : parent.children()) {
    if (Is(child, ns, local)) visit(child);
  }
}

std::optional<Identifier> Id(const pugi::xml_node& node, const char* scheme = "schemeID",
                             const char* version = "schemeVersionID") {
  return xml::Identifier(node, scheme, version);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Format 102 (CCYYMMDD), the only one EN 16931 allows; other formats keep the text only.
std::optional<core::Date> ParseFormat102(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                           text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.size() != 8) return std::nullopt;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
  }
  auto number = [&](size_t at, size_t length) {
    int value = 0;
    for (size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  core::Result<core::Date> date = core::Date::FromYmd(number(0, 4), number(4, 2), number(6, 2));
  if (!date) return std::nullopt;
  return *date;
}

// A date element (IssueDateTime, DueDateDateTime...) holds its text in udt:DateTimeString;
// FormattedIssueDateTime in qdt:DateTimeString, TaxPointDate in udt:DateString.
std::optional<DateText> Date(const pugi::xml_node& holder, std::string_view ns = kUdt,
                             std::string_view local = "DateTimeString") {
  pugi::xml_node string = Child(holder, ns, local);
  if (!string) return std::nullopt;
  DateText date;
  date.text = StringValue(string);
  date.format = Attribute(string, "format");
  if (date.format == "102") date.value = ParseFormat102(date.text);
  date.source = Offset(string);
  return date;
}

bool IsVat(std::string_view scheme) {
  // The artefacts compare upper-case(ram:TypeCode) = 'VAT'.
  return scheme.size() == 3 && (scheme[0] == 'V' || scheme[0] == 'v') &&
         (scheme[1] == 'A' || scheme[1] == 'a') && (scheme[2] == 'T' || scheme[2] == 't');
}

// ---- Parties --------------------------------------------------------------------------------

std::optional<invoice::PostalAddress> Address(const pugi::xml_node& node) {
  if (!node) return std::nullopt;
  invoice::PostalAddress address;
  address.line1 = Text(Ram(node, "LineOne"));
  address.line2 = Text(Ram(node, "LineTwo"));
  address.line3 = Text(Ram(node, "LineThree"));
  address.city = Text(Ram(node, "CityName"));
  address.post_code = Text(Ram(node, "PostcodeCode"));
  address.subdivision = Text(Ram(node, "CountrySubDivisionName"));
  address.country = Text(Ram(node, "CountryID"));
  address.source = Offset(node);
  return address;
}

std::optional<invoice::Contact> ContactOf(const pugi::xml_node& party) {
  pugi::xml_node node = Ram(party, "DefinedTradeContact");
  if (!node) return std::nullopt;
  invoice::Contact contact;
  // BT-41 / BT-56 are a person or a department (EN 16931-3-3 binds both).
  contact.point = Text(Ram(node, "PersonName"));
  if (!contact.point) contact.point = Text(Ram(node, "DepartmentName"));
  contact.telephone = Text(Ram(node, "TelephoneUniversalCommunication", "CompleteNumber"));
  contact.email = Text(Ram(node, "EmailURIUniversalCommunication", "URIID"));
  contact.source = Offset(node);
  return contact;
}

// The party's SpecifiedTaxRegistration/ID with the given scheme: VA (VAT, BT-31/48/63) or FC
// (tax registration, BT-32).
std::optional<std::string> TaxRegistration(const pugi::xml_node& party, std::string_view scheme) {
  std::optional<std::string> found;
  ForEach(party, kRam, "SpecifiedTaxRegistration", [&](const pugi::xml_node& registration) {
    if (found) return;
    pugi::xml_node id = Ram(registration, "ID");
    if (id && std::string_view(id.attribute("schemeID").value()) == scheme) found = Text(id);
  });
  return found;
}

// ram:GlobalID carries a scheme, ram:ID none: the binding maps both to the party identifier.
std::optional<Identifier> PartyId(const pugi::xml_node& party) {
  if (pugi::xml_node global = Ram(party, "GlobalID")) return Id(global);
  return Id(Ram(party, "ID"));
}

// BT-34 / BT-49: the first URIUniversalCommunication's URIID. BR-62/63 want a scheme as soon as
// the URIUniversalCommunication is there, so one without URIID is kept as an empty address.
std::optional<Identifier> ElectronicAddress(const pugi::xml_node& party) {
  pugi::xml_node holder = Ram(party, "URIUniversalCommunication");
  if (!holder) return std::nullopt;
  if (std::optional<Identifier> address = Id(Ram(holder, "URIID"))) return address;
  Identifier empty;
  empty.source = Offset(holder);
  return empty;
}

std::optional<invoice::Seller> ReadSeller(const pugi::xml_node& node) {
  if (!node) return std::nullopt;
  invoice::Seller seller;
  seller.name = Text(Ram(node, "Name"));
  seller.trading_name = Text(Ram(node, "SpecifiedLegalOrganization", "TradingBusinessName"));
  ForEach(node, kRam, "ID",
          [&](const pugi::xml_node& id) { seller.identifiers.push_back(*Id(id)); });
  ForEach(node, kRam, "GlobalID",
          [&](const pugi::xml_node& id) { seller.identifiers.push_back(*Id(id)); });
  seller.legal_registration_id = Id(Ram(node, "SpecifiedLegalOrganization", "ID"));
  seller.vat_id = TaxRegistration(node, "VA");
  seller.tax_registration_id = TaxRegistration(node, "FC");
  seller.legal_information = Text(Ram(node, "Description"));
  seller.electronic_address = ElectronicAddress(node);
  seller.address = Address(Ram(node, "PostalTradeAddress"));
  seller.contact = ContactOf(node);
  seller.source = Offset(node);
  return seller;
}

std::optional<invoice::Buyer> ReadBuyer(const pugi::xml_node& node) {
  if (!node) return std::nullopt;
  invoice::Buyer buyer;
  buyer.name = Text(Ram(node, "Name"));
  buyer.trading_name = Text(Ram(node, "SpecifiedLegalOrganization", "TradingBusinessName"));
  buyer.identifier = PartyId(node);
  buyer.legal_registration_id = Id(Ram(node, "SpecifiedLegalOrganization", "ID"));
  buyer.vat_id = TaxRegistration(node, "VA");
  buyer.electronic_address = ElectronicAddress(node);
  buyer.address = Address(Ram(node, "PostalTradeAddress"));
  buyer.contact = ContactOf(node);
  buyer.source = Offset(node);
  return buyer;
}

std::optional<invoice::Payee> ReadPayee(const pugi::xml_node& node) {
  if (!node) return std::nullopt;
  invoice::Payee payee;
  payee.name = Text(Ram(node, "Name"));
  payee.identifier = PartyId(node);
  payee.legal_registration_id = Id(Ram(node, "SpecifiedLegalOrganization", "ID"));
  payee.source = Offset(node);
  return payee;
}

std::optional<invoice::TaxRepresentative> ReadTaxRepresentative(const pugi::xml_node& node) {
  if (!node) return std::nullopt;
  invoice::TaxRepresentative representative;
  representative.name = Text(Ram(node, "Name"));
  representative.vat_id = TaxRegistration(node, "VA");
  representative.address = Address(Ram(node, "PostalTradeAddress"));
  representative.source = Offset(node);
  return representative;
}

// ---- Shared structures ----------------------------------------------------------------------

// A period's start or end: the artefacts ask whether ram:StartDateTime / ram:EndDateTime is
// there (BR-CO-19/20, BR-29/30's "not(ram:StartDateTime)"), not its DateTimeString. One without
// a date string is kept as an empty date of no format, which BR-29/30 then fail as the artefacts'
// empty comparison does.
std::optional<DateText> PeriodDate(const pugi::xml_node& holder) {
  if (!holder) return std::nullopt;
  if (std::optional<DateText> date = Date(holder)) return date;
  DateText empty;
  empty.source = Offset(holder);
  return empty;
}

std::optional<invoice::Period> ReadPeriod(const pugi::xml_node& node) {
  if (!node) return std::nullopt;
  invoice::Period period;
  period.start = PeriodDate(Ram(node, "StartDateTime"));
  period.end = PeriodDate(Ram(node, "EndDateTime"));
  period.source = Offset(node);
  return period;
}

// An allowance or charge without ChargeIndicator/udt:Indicator, or with one that is no xs:boolean
// ("", "TRUE", "yes"), is neither for the artefacts: every rule context about them, and the sums
// of BR-CO-11/12 and the VAT breakdown rules, select them by [udt:Indicator = 'false' / 'true' /
// false() / true()], and the cast of a non-boolean selects nothing (or stops the XSLT). The model
// leaves it out.
bool HasChargeIndicator(const pugi::xml_node& allowance_charge) {
  std::optional<std::string> indicator =
      Text(Child(Ram(allowance_charge, "ChargeIndicator"), kUdt, "Indicator"));
  if (!indicator) return false;
  std::string_view value = *indicator;
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!value.empty() && space(value.front())) value.remove_prefix(1);
  while (!value.empty() && space(value.back())) value.remove_suffix(1);
  return value == "true" || value == "false" || value == "1" || value == "0";
}

// ChargeIndicator/udt:Indicator: xs:boolean, "true" or "1" for a charge.
bool IsCharge(const pugi::xml_node& allowance_charge) {
  std::optional<std::string> indicator =
      Text(Child(Ram(allowance_charge, "ChargeIndicator"), kUdt, "Indicator"));
  if (!indicator) return false;
  std::string_view value = *indicator;
  while (!value.empty() && (value.front() == ' ' || value.front() == '\n' ||
                            value.front() == '\t' || value.front() == '\r')) {
    value.remove_prefix(1);
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '\n' || value.back() == '\t' ||
                            value.back() == '\r')) {
    value.remove_suffix(1);
  }
  return value == "true" || value == "1";
}

// Whether udt:Indicator is "true" or "false" as written, which is what the CII artefact's
// string-compared contexts ([udt:Indicator='true']) select.
bool IndicatorLiteral(const pugi::xml_node& allowance_charge) {
  std::optional<std::string> indicator =
      Text(Child(Ram(allowance_charge, "ChargeIndicator"), kUdt, "Indicator"));
  return indicator == "true" || indicator == "false";
}

// The category and rate of a ram:ApplicableTradeTax / ram:CategoryTradeTax.
struct TaxCategory {
  std::optional<std::string> scheme;
  std::optional<std::string> code;
  std::optional<DecimalText> rate;
};

TaxCategory ReadTaxCategory(const pugi::xml_node& node) {
  return {Text(Ram(node, "TypeCode")), Text(Ram(node, "CategoryCode")),
          Decimal(Ram(node, "RateApplicablePercent"))};
}

// The first tax of a line or an allowance/charge whose TypeCode is VAT, else the first one:
// the artefacts' VAT rules only look at VAT, but a non-VAT tax keeps its scheme in the model.
pugi::xml_node VatTax(const pugi::xml_node& parent, std::string_view local) {
  pugi::xml_node first;
  pugi::xml_node vat;
  ForEach(parent, kRam, local, [&](const pugi::xml_node& tax) {
    if (!first) first = tax;
    if (!vat && IsVat(Text(Ram(tax, "TypeCode")).value_or(""))) vat = tax;
  });
  return vat ? vat : first;
}

invoice::DocumentAllowanceCharge ReadDocumentAllowanceCharge(const pugi::xml_node& node) {
  invoice::DocumentAllowanceCharge result;
  result.is_charge = IsCharge(node);
  result.indicator_literal = IndicatorLiteral(node);
  result.amount = Decimal(Ram(node, "ActualAmount"));
  result.base_amount = Decimal(Ram(node, "BasisAmount"));
  result.percentage = Decimal(Ram(node, "CalculationPercent"));
  if (pugi::xml_node tax = VatTax(node, "CategoryTradeTax")) {
    TaxCategory category = ReadTaxCategory(tax);
    result.tax_scheme = category.scheme;
    result.vat_category_code = category.code;
    result.vat_rate = category.rate;
  }
  result.reason = Text(Ram(node, "Reason"));
  result.reason_code = Text(Ram(node, "ReasonCode"));
  result.source = Offset(node);
  return result;
}

invoice::LineAllowanceCharge ReadLineAllowanceCharge(const pugi::xml_node& node) {
  invoice::LineAllowanceCharge result;
  result.is_charge = IsCharge(node);
  result.indicator_literal = IndicatorLiteral(node);
  result.amount = Decimal(Ram(node, "ActualAmount"));
  result.base_amount = Decimal(Ram(node, "BasisAmount"));
  result.percentage = Decimal(Ram(node, "CalculationPercent"));
  result.reason = Text(Ram(node, "Reason"));
  result.reason_code = Text(Ram(node, "ReasonCode"));
  result.source = Offset(node);
  return result;
}

std::optional<std::string> TypeCodeOf(const pugi::xml_node& document) {
  std::optional<std::string> code = Text(Ram(document, "TypeCode"));
  if (!code) return std::nullopt;
  size_t begin = code->find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return std::string();
  size_t end = code->find_last_not_of(" \t\r\n");
  return code->substr(begin, end - begin + 1);
}

// ---- Lines ----------------------------------------------------------------------------------

std::optional<invoice::PriceDetails> ReadPrice(const pugi::xml_node& agreement) {
  pugi::xml_node net = Ram(agreement, "NetPriceProductTradePrice");
  pugi::xml_node gross = Ram(agreement, "GrossPriceProductTradePrice");
  if (!net && !gross) return std::nullopt;
  invoice::PriceDetails price;
  price.net_price = Decimal(Ram(net, "ChargeAmount"));
  price.gross_price = Decimal(Ram(gross, "ChargeAmount"));
  price.discount = Decimal(Ram(gross, "AppliedTradeAllowanceCharge", "ActualAmount"));
  // BT-149/BT-150 may sit on either price; the net price's wins (the one BT-146 is per).
  pugi::xml_node base = Ram(net, "BasisQuantity");
  if (!base) base = Ram(gross, "BasisQuantity");
  price.base_quantity = Decimal(base);
  if (base) price.base_quantity_unit = Attribute(base, "unitCode");
  price.source = Offset(net ? net : gross);
  return price;
}

std::optional<invoice::Item> ReadItem(const pugi::xml_node& line,
                                      const pugi::xml_node& settlement) {
  pugi::xml_node product = Ram(line, "SpecifiedTradeProduct");
  pugi::xml_node tax = VatTax(settlement, "ApplicableTradeTax");
  if (!product && !tax) return std::nullopt;
  invoice::Item item;
  item.name = Text(Ram(product, "Name"));
  item.description = Text(Ram(product, "Description"));
  item.seller_id = Text(Ram(product, "SellerAssignedID"));
  item.buyer_id = Text(Ram(product, "BuyerAssignedID"));
  item.standard_id = Id(Ram(product, "GlobalID"));
  ForEach(product, kRam, "DesignatedProductClassification", [&](const pugi::xml_node& node) {
    if (pugi::xml_node code = Ram(node, "ClassCode")) {
      item.classification_ids.push_back(*Id(code, "listID", "listVersionID"));
    }
  });
  item.origin_country = Text(Ram(product, "OriginTradeCountry", "ID"));
  ForEach(product, kRam, "ApplicableProductCharacteristic", [&](const pugi::xml_node& node) {
    item.attributes.push_back(
        {Text(Ram(node, "Description")), Text(Ram(node, "Value")), Offset(node)});
  });
  if (tax) {
    TaxCategory category = ReadTaxCategory(tax);
    item.vat_tax_scheme = category.scheme;
    item.vat_category_code = category.code;
    item.vat_rate = category.rate;
    item.vat_source = Offset(tax);
  }
  item.source = Offset(product ? product : line);
  return item;
}

// An AdditionalReferencedDocument of the given TypeCode (130: invoiced object, BT-18 / BT-128).
pugi::xml_node ReferencedDocumentOfType(const pugi::xml_node& parent, std::string_view type) {
  pugi::xml_node found;
  ForEach(parent, kRam, "AdditionalReferencedDocument", [&](const pugi::xml_node& document) {
    if (!found && TypeCodeOf(document) == type) found = document;
  });
  return found;
}

invoice::InvoiceLine ReadLine(const pugi::xml_node& node) {
  invoice::InvoiceLine line;
  pugi::xml_node document = Ram(node, "AssociatedDocumentLineDocument");
  pugi::xml_node agreement = Ram(node, "SpecifiedLineTradeAgreement");
  pugi::xml_node delivery = Ram(node, "SpecifiedLineTradeDelivery");
  pugi::xml_node settlement = Ram(node, "SpecifiedLineTradeSettlement");
  line.id = Text(Ram(document, "LineID"));
  line.note = Text(Ram(document, "IncludedNote", "Content"));
  if (pugi::xml_node object = ReferencedDocumentOfType(settlement, "130")) {
    // One without IssuerAssignedID stays, empty: BR-52 wants an id on every such document.
    line.object_id = Id(Ram(object, "IssuerAssignedID"));
    if (!line.object_id) {
      line.object_id.emplace();
      line.object_id->source = Offset(object);
    }
    line.object_id->scheme = Text(Ram(object, "ReferenceTypeCode"));
  }
  pugi::xml_node quantity = Ram(delivery, "BilledQuantity");
  line.quantity = Decimal(quantity);
  if (quantity) line.quantity_unit = Attribute(quantity, "unitCode");
  line.net_amount =
      Decimal(Ram(settlement, "SpecifiedTradeSettlementLineMonetarySummation", "LineTotalAmount"));
  line.order_line_reference = Text(Ram(agreement, "BuyerOrderReferencedDocument", "LineID"));
  line.buyer_accounting_reference =
      Text(Ram(settlement, "ReceivableSpecifiedTradeAccountingAccount", "ID"));
  line.period = ReadPeriod(Ram(settlement, "BillingSpecifiedPeriod"));
  ForEach(settlement, kRam, "SpecifiedTradeAllowanceCharge", [&](const pugi::xml_node& charge) {
    if (HasChargeIndicator(charge))
      line.allowances_charges.push_back(ReadLineAllowanceCharge(charge));
  });
  line.price = ReadPrice(agreement);
  line.item = ReadItem(node, settlement);
  line.source = Offset(node);
  return line;
}

// ---- Header ---------------------------------------------------------------------------------

void ReadAgreement(const pugi::xml_node& node, invoice::SemanticInvoice& invoice) {
  invoice.buyer_reference = Text(Ram(node, "BuyerReference"));
  invoice.seller = ReadSeller(Ram(node, "SellerTradeParty"));
  invoice.buyer = ReadBuyer(Ram(node, "BuyerTradeParty"));
  invoice.tax_representative =
      ReadTaxRepresentative(Ram(node, "SellerTaxRepresentativeTradeParty"));
  invoice.sales_order_reference =
      Text(Ram(node, "SellerOrderReferencedDocument", "IssuerAssignedID"));
  invoice.purchase_order_reference =
      Text(Ram(node, "BuyerOrderReferencedDocument", "IssuerAssignedID"));
  invoice.contract_reference = Text(Ram(node, "ContractReferencedDocument", "IssuerAssignedID"));
  invoice.project_reference = Text(Ram(node, "SpecifiedProcuringProject", "ID"));
  ForEach(node, kRam, "AdditionalReferencedDocument", [&](const pugi::xml_node& document) {
    std::optional<std::string> type = TypeCodeOf(document);
    pugi::xml_node id = Ram(document, "IssuerAssignedID");
    // TypeCode 50 is the tender or lot (BT-17), 130 the invoiced object (BT-18); the first of
    // each with an id moves to the invoice, any other stays a supporting document (BR-52 is
    // about every AdditionalReferencedDocument).
    if (type == "50" && id && !invoice.tender_or_lot_reference) {
      invoice.tender_or_lot_reference = Text(id);
      return;
    }
    if (type == "130" && id && !invoice.invoiced_object_id) {
      invoice.invoiced_object_id = Id(id);
      invoice.invoiced_object_id->scheme = Text(Ram(document, "ReferenceTypeCode"));
      return;
    }
    invoice::SupportingDocument supporting;
    supporting.reference = Text(id);
    supporting.description = Text(Ram(document, "Name"));
    supporting.external_location = Text(Ram(document, "URIID"));
    if (pugi::xml_node attachment = Ram(document, "AttachmentBinaryObject")) {
      supporting.attachment = Text(attachment);
      supporting.attachment_mime = Attribute(attachment, "mimeCode");
      supporting.attachment_filename = Attribute(attachment, "filename");
    }
    if (type != "916") supporting.type_code = type;
    supporting.source = Offset(document);
    invoice.supporting_documents.push_back(std::move(supporting));
  });
}

void ReadDelivery(const pugi::xml_node& node, invoice::SemanticInvoice& invoice) {
  invoice.receiving_advice_reference =
      Text(Ram(node, "ReceivingAdviceReferencedDocument", "IssuerAssignedID"));
  invoice.despatch_advice_reference =
      Text(Ram(node, "DespatchAdviceReferencedDocument", "IssuerAssignedID"));
  pugi::xml_node ship_to = Ram(node, "ShipToTradeParty");
  pugi::xml_node event = Ram(node, "ActualDeliverySupplyChainEvent");
  // ApplicableHeaderTradeDelivery is mandatory in CII and often empty: BG-13 is there only when
  // one of its terms is.
  if (!ship_to && !event) return;
  invoice::Delivery delivery;
  delivery.party_name = Text(Ram(ship_to, "Name"));
  delivery.location_id = PartyId(ship_to);
  delivery.actual_delivery_date = Date(Ram(event, "OccurrenceDateTime"));
  delivery.address = Address(Ram(ship_to, "PostalTradeAddress"));
  delivery.source = Offset(node);
  invoice.delivery = std::move(delivery);
}

invoice::PaymentInstructions ReadPaymentMeans(const pugi::xml_node& node) {
  invoice::PaymentInstructions instructions;
  instructions.means_code = Text(Ram(node, "TypeCode"));
  instructions.means_text = Text(Ram(node, "Information"));
  std::optional<std::string> bic =
      Text(Ram(node, "PayeeSpecifiedCreditorFinancialInstitution", "BICID"));
  ForEach(node, kRam, "PayeePartyCreditorFinancialAccount", [&](const pugi::xml_node& account) {
    invoice::CreditTransfer transfer;
    transfer.account_id = Text(Ram(account, "IBANID"));
    if (!transfer.account_id) transfer.account_id = Text(Ram(account, "ProprietaryID"));
    transfer.account_name = Text(Ram(account, "AccountName"));
    transfer.service_provider_id = bic;
    transfer.source = Offset(account);
    instructions.credit_transfers.push_back(std::move(transfer));
  });
  if (pugi::xml_node card = Ram(node, "ApplicableTradeSettlementFinancialCard")) {
    instructions.card = invoice::PaymentCard{Text(Ram(card, "ID")),
                                             Text(Ram(card, "CardholderName")), Offset(card)};
  }
  if (pugi::xml_node debtor = Ram(node, "PayerPartyDebtorFinancialAccount")) {
    invoice::DirectDebit debit;
    debit.debited_account = Text(Ram(debtor, "IBANID"));
    debit.source = Offset(debtor);
    instructions.direct_debit = std::move(debit);
  }
  instructions.source = Offset(node);
  return instructions;
}

std::optional<invoice::DocumentTotals> ReadTotals(const pugi::xml_node& node,
                                                  const invoice::SemanticInvoice& invoice) {
  if (!node) return std::nullopt;
  invoice::DocumentTotals totals;
  totals.line_net_total = Decimal(Ram(node, "LineTotalAmount"));
  totals.allowance_total = Decimal(Ram(node, "AllowanceTotalAmount"));
  totals.charge_total = Decimal(Ram(node, "ChargeTotalAmount"));
  totals.total_without_vat = Decimal(Ram(node, "TaxBasisTotalAmount"));
  totals.total_with_vat = Decimal(Ram(node, "GrandTotalAmount"));
  totals.paid_amount = Decimal(Ram(node, "TotalPrepaidAmount"));
  totals.rounding_amount = Decimal(Ram(node, "RoundingAmount"));
  totals.amount_due = Decimal(Ram(node, "DuePayableAmount"));
  // BT-110 is the TaxTotalAmount in the invoice currency, BT-111 the one in the VAT accounting
  // currency (BR-CO-15, BR-53): told apart by @currencyID, never by position. A second total in
  // the invoice currency, when no total is in BT-6's, takes BT-111's place so that the rules
  // still count two (BR-CO-15 wants exactly one in BT-5's currency, BR-CO-14 checks each).
  std::vector<pugi::xml_node> tax_totals;
  ForEach(node, kRam, "TaxTotalAmount", [&](const pugi::xml_node& amount) {
    tax_totals.push_back(amount);
    totals.vat_totals_as_written.push_back(*Decimal(amount));
  });
  pugi::xml_node vat;
  pugi::xml_node accounting;
  for (const pugi::xml_node& amount : tax_totals) {
    std::optional<std::string> currency = Attribute(amount, "currencyID");
    if (!vat && currency && currency == invoice.currency) {
      vat = amount;
    } else if (!accounting && currency && currency == invoice.vat_accounting_currency) {
      accounting = amount;
    }
  }
  for (const pugi::xml_node& amount : tax_totals) {
    if (accounting) break;
    if (amount != vat && invoice.currency && Attribute(amount, "currencyID") == invoice.currency) {
      accounting = amount;
    }
  }
  totals.total_vat = Decimal(vat);
  totals.total_vat_accounting = Decimal(accounting);
  totals.source = Offset(node);
  return totals;
}

void ReadSettlement(const pugi::xml_node& node, invoice::SemanticInvoice& invoice) {
  invoice.currency = Text(Ram(node, "InvoiceCurrencyCode"));
  invoice.vat_accounting_currency = Text(Ram(node, "TaxCurrencyCode"));
  invoice.payee = ReadPayee(Ram(node, "PayeeTradeParty"));

  ForEach(node, kRam, "SpecifiedTradeSettlementPaymentMeans", [&](const pugi::xml_node& means) {
    invoice.payment_instructions.push_back(ReadPaymentMeans(means));
  });
  // BT-83, BT-89 and BT-90 sit outside the payment means in CII. The remittance information is
  // the whole payment's, so every means has it (as UBL repeats cbc:PaymentID); the mandate and
  // the creditor id join the debiting means (else the first). With no payment means there is no
  // BG-16 to hold them.
  std::optional<std::string> remittance = Text(Ram(node, "PaymentReference"));
  std::optional<std::string> creditor = Text(Ram(node, "CreditorReferenceID"));
  std::optional<std::string> mandate;
  ForEach(node, kRam, "SpecifiedTradePaymentTerms", [&](const pugi::xml_node& terms) {
    if (!mandate) mandate = Text(Ram(terms, "DirectDebitMandateID"));
    if (!invoice.payment_terms) invoice.payment_terms = Text(Ram(terms, "Description"));
    if (!invoice.due_date) invoice.due_date = Date(Ram(terms, "DueDateDateTime"));
  });
  if (!invoice.payment_instructions.empty()) {
    for (invoice::PaymentInstructions& instructions : invoice.payment_instructions) {
      instructions.remittance_information = remittance;
    }
    if (mandate || creditor) {
      invoice::PaymentInstructions* debiting = &invoice.payment_instructions.front();
      for (invoice::PaymentInstructions& instructions : invoice.payment_instructions) {
        if (instructions.direct_debit) {
          debiting = &instructions;
          break;
        }
      }
      if (!debiting->direct_debit) {
        debiting->direct_debit = invoice::DirectDebit{};
        debiting->direct_debit->source = debiting->source;
      }
      debiting->direct_debit->mandate_reference = mandate;
      debiting->direct_debit->creditor_id = creditor;
    }
  }

  ForEach(node, kRam, "ApplicableTradeTax", [&](const pugi::xml_node& tax) {
    invoice::VatBreakdown breakdown;
    breakdown.taxable_amount = Decimal(Ram(tax, "BasisAmount"));
    breakdown.tax_amount = Decimal(Ram(tax, "CalculatedAmount"));
    TaxCategory category = ReadTaxCategory(tax);
    breakdown.tax_scheme = category.scheme;
    breakdown.category_code = category.code;
    breakdown.rate = category.rate;
    breakdown.exemption_reason = Text(Ram(tax, "ExemptionReason"));
    breakdown.exemption_reason_code = Text(Ram(tax, "ExemptionReasonCode"));
    breakdown.source = Offset(tax);
    invoice.vat_breakdown.push_back(std::move(breakdown));
    // BT-7 and BT-8 ride on the VAT breakdown in CII (CII-SR-461/462 keep them single).
    if (!invoice.tax_point_date)
      invoice.tax_point_date = Date(Ram(tax, "TaxPointDate"), kUdt, "DateString");
    if (!invoice.tax_point_date_code) {
      invoice.tax_point_date_code = Text(Ram(tax, "DueDateTypeCode"));
    }
  });

  invoice.period = ReadPeriod(Ram(node, "BillingSpecifiedPeriod"));
  ForEach(node, kRam, "SpecifiedTradeAllowanceCharge", [&](const pugi::xml_node& charge) {
    if (HasChargeIndicator(charge)) {
      invoice.allowances_charges.push_back(ReadDocumentAllowanceCharge(charge));
    }
  });
  invoice.totals =
      ReadTotals(Ram(node, "SpecifiedTradeSettlementHeaderMonetarySummation"), invoice);
  ForEach(node, kRam, "InvoiceReferencedDocument", [&](const pugi::xml_node& document) {
    invoice.preceding_invoices.push_back({Text(Ram(document, "IssuerAssignedID")),
                                          Date(Ram(document, "FormattedIssueDateTime"), kQdt),
                                          Offset(document)});
  });
  invoice.buyer_accounting_reference =
      Text(Ram(node, "ReceivableSpecifiedTradeAccountingAccount", "ID"));
}

// The coded values whose code-list rule the artefact runs on the element wherever it stands
// (ram:DueDateTypeCode, ram:CountryID, ram:ExemptionReasonCode, the @unitCode of
// ram:BasisQuantity / ram:BilledQuantity), in document order: SemanticInvoice::codes_as_written.
void ReadCodesAsWritten(const pugi::xml_node& root, invoice::SemanticInvoice& invoice) {
  struct Context {
    std::string_view local;
    const char* rule;
    const char* attribute;  // nullptr: the element's text
  };
  static constexpr Context kContexts[] = {
      {"DueDateTypeCode", "BR-CL-06", nullptr},     {"CountryID", "BR-CL-14", nullptr},
      {"ExemptionReasonCode", "BR-CL-22", nullptr}, {"BasisQuantity", "BR-CL-23", "unitCode"},
      {"BilledQuantity", "BR-CL-23", "unitCode"},
  };
  for (pugi::xml_node node = root.first_child(); node;) {
    if (node.type() == pugi::node_element) {
      for (const Context& context : kContexts) {
        if (!Is(node, kRam, context.local)) continue;
        if (context.attribute == nullptr) {
          invoice.codes_as_written.push_back({context.rule, StringValue(node), Offset(node)});
        } else if (pugi::xml_attribute attribute = node.attribute(context.attribute)) {
          invoice.codes_as_written.push_back({context.rule, attribute.value(), Offset(node)});
        }
      }
    }
    // Depth first, without recursion (the parser bounds the depth, but a loop needs no stack).
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && node != root && !node.next_sibling()) node = node.parent();
    if (!node || node == root) break;
    node = node.next_sibling();
  }
}

}  // namespace

invoice::SemanticInvoice ReadCii(const pugi::xml_node& root) {
  invoice::SemanticInvoice invoice;
  invoice.source = Offset(root);

  pugi::xml_node context = Child(root, kRsm, "ExchangedDocumentContext");
  invoice.business_process =
      Text(Ram(context, "BusinessProcessSpecifiedDocumentContextParameter", "ID"));
  invoice.specification_id = Text(Ram(context, "GuidelineSpecifiedDocumentContextParameter", "ID"));

  pugi::xml_node document = Child(root, kRsm, "ExchangedDocument");
  invoice.number = Text(Ram(document, "ID"));
  invoice.type_code = Text(Ram(document, "TypeCode"));
  invoice.issue_date = Date(Ram(document, "IssueDateTime"));
  ForEach(document, kRam, "IncludedNote", [&](const pugi::xml_node& note) {
    invoice.notes.push_back(
        {Text(Ram(note, "SubjectCode")), Text(Ram(note, "Content")).value_or(""), Offset(note)});
  });

  pugi::xml_node transaction = Child(root, kRsm, "SupplyChainTradeTransaction");
  ForEach(transaction, kRam, "IncludedSupplyChainTradeLineItem",
          [&](const pugi::xml_node& line) { invoice.lines.push_back(ReadLine(line)); });
  ReadAgreement(Ram(transaction, "ApplicableHeaderTradeAgreement"), invoice);
  ReadDelivery(Ram(transaction, "ApplicableHeaderTradeDelivery"), invoice);
  ReadSettlement(Ram(transaction, "ApplicableHeaderTradeSettlement"), invoice);
  ReadCodesAsWritten(root, invoice);
  return invoice;
}

}  // namespace choral::formats
