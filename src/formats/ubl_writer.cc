// WriteUbl: the EN 16931 model as a UBL 2.1 Invoice or CreditNote, elements in the order of the
// UBL 2.1 schemas, mapped as ubl_reader.cc reads them (EN 16931-3-2), so that reading what was
// written gives the same model back.
#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "formats/invoice_writer.h"

namespace choral::formats {
namespace {

using invoice::SemanticInvoice;

constexpr const char* kInvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
constexpr const char* kCreditNoteNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
constexpr const char* kAggregateNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
constexpr const char* kBasicNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

// The three letters a reader takes as BT-21 from a note's text (see ubl_reader.cc ReadNote).
std::optional<std::string> SubjectCodeIn(std::string_view text) {
  size_t first = text.find('#');
  if (first == std::string_view::npos) return std::nullopt;
  size_t second = text.find('#', first + 1);
  if (second == std::string_view::npos || second - first - 1 != 3) return std::nullopt;
  return std::string(text.substr(first + 1, 3));
}

class UblWriter {
 public:
  explicit UblWriter(const SemanticInvoice& invoice)
      : invoice_(invoice),
        credit_note_(invoice.type_code && invoice::DocumentKindOf(*invoice.type_code) ==
                                              invoice::DocumentKind::kCreditNote) {}

  std::string Write() {
    pugi::xml_node declaration = document_.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root = document_.append_child(credit_note_ ? "CreditNote" : "Invoice");
    root.append_attribute("xmlns") = credit_note_ ? kCreditNoteNamespace : kInvoiceNamespace;
    root.append_attribute("xmlns:cac") = kAggregateNamespace;
    root.append_attribute("xmlns:cbc") = kBasicNamespace;
    WriteRoot(root);
    std::ostringstream out;
    document_.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
    return out.str();
  }

 private:
  // --- values ---

  static pugi::xml_node Add(pugi::xml_node parent, const char* name) {
    return parent.append_child(name);
  }

  static void Text(pugi::xml_node parent, const char* name, const std::optional<std::string>& v) {
    if (v) Add(parent, name).text().set(v->c_str());
  }

  void Amount(pugi::xml_node parent, const char* name,
              const std::optional<invoice::DecimalText>& amount) {
    if (!amount) return;
    pugi::xml_node element = Add(parent, name);
    element.text().set(amount->text.c_str());
    // UBL requires a currency on every amount; a model read from CII has none but BT-5's.
    const std::optional<std::string>& currency =
        amount->currency ? amount->currency : invoice_.currency;
    if (currency) element.append_attribute("currencyID") = currency->c_str();
  }

  static void Number(pugi::xml_node parent, const char* name,
                     const std::optional<invoice::DecimalText>& number) {
    if (number) Add(parent, name).text().set(number->text.c_str());
  }

  static pugi::xml_node Quantity(pugi::xml_node parent, const char* name,
                                 const std::optional<invoice::DecimalText>& quantity,
                                 const std::optional<std::string>& unit) {
    if (!quantity) return {};
    pugi::xml_node element = Add(parent, name);
    element.text().set(quantity->text.c_str());
    if (unit) element.append_attribute("unitCode") = unit->c_str();
    return element;
  }

  static void Date(pugi::xml_node parent, const char* name,
                   const std::optional<invoice::DateText>& date) {
    if (date) Add(parent, name).text().set(date->text.c_str());
  }

  static void Id(pugi::xml_node parent, const char* name,
                 const std::optional<invoice::Identifier>& id, const char* scheme = "schemeID",
                 const char* version = nullptr) {
    if (!id) return;
    pugi::xml_node element = Add(parent, name);
    element.text().set(id->value.c_str());
    if (id->scheme) element.append_attribute(scheme) = id->scheme->c_str();
    if (version != nullptr && id->scheme_version) {
      element.append_attribute(version) = id->scheme_version->c_str();
    }
  }

  // cac:X/cbc:ID, the shape of most single references.
  static void Reference(pugi::xml_node parent, const char* name,
                        const std::optional<std::string>& id) {
    if (id) Text(Add(parent, name), "cbc:ID", id);
  }

  // A TaxCategory / ClassifiedTaxCategory's code and rate; TaxScheme() closes it.
  static pugi::xml_node TaxCategory(pugi::xml_node parent, const char* name,
                                    const std::optional<std::string>& code,
                                    const std::optional<invoice::DecimalText>& rate) {
    pugi::xml_node category = Add(parent, name);
    Text(category, "cbc:ID", code);
    Number(category, "cbc:Percent", rate);
    return category;
  }

  // Only when the model has one: a category without a VAT scheme is one the artefact's VAT rules
  // do not see (BR-CO-04, BR-47...), and writing "VAT" would change the verdict.
  static void TaxScheme(pugi::xml_node category, const std::optional<std::string>& scheme) {
    if (scheme) Text(Add(category, "cac:TaxScheme"), "cbc:ID", scheme);
  }

  // --- groups ---

  static void Address(pugi::xml_node parent, const char* name,
                      const std::optional<invoice::PostalAddress>& address) {
    if (!address) return;
    pugi::xml_node element = Add(parent, name);
    Text(element, "cbc:StreetName", address->line1);
    Text(element, "cbc:AdditionalStreetName", address->line2);
    Text(element, "cbc:CityName", address->city);
    Text(element, "cbc:PostalZone", address->post_code);
    Text(element, "cbc:CountrySubentity", address->subdivision);
    if (address->line3) Text(Add(element, "cac:AddressLine"), "cbc:Line", address->line3);
    if (address->country) {
      Text(Add(element, "cac:Country"), "cbc:IdentificationCode", address->country);
    }
  }

  static void Contact(pugi::xml_node party, const std::optional<invoice::Contact>& contact) {
    if (!contact) return;
    pugi::xml_node element = Add(party, "cac:Contact");
    Text(element, "cbc:Name", contact->point);
    Text(element, "cbc:Telephone", contact->telephone);
    Text(element, "cbc:ElectronicMail", contact->email);
  }

  static void PartyId(pugi::xml_node party, const invoice::Identifier& id) {
    Id(Add(party, "cac:PartyIdentification"), "cbc:ID", id);
  }

  static void PartyName(pugi::xml_node party, const std::optional<std::string>& name) {
    if (name) Text(Add(party, "cac:PartyName"), "cbc:Name", name);
  }

  static void PartyTaxScheme(pugi::xml_node party, const std::optional<std::string>& company_id,
                             const char* scheme) {
    if (!company_id) return;
    pugi::xml_node element = Add(party, "cac:PartyTaxScheme");
    Text(element, "cbc:CompanyID", company_id);
    Text(Add(element, "cac:TaxScheme"), "cbc:ID", std::string(scheme));
  }

  static void LegalEntity(pugi::xml_node party, const std::optional<std::string>& name,
                          const std::optional<invoice::Identifier>& company_id,
                          const std::optional<std::string>& legal_form) {
    if (!name && !company_id && !legal_form) return;
    pugi::xml_node element = Add(party, "cac:PartyLegalEntity");
    Text(element, "cbc:RegistrationName", name);
    Id(element, "cbc:CompanyID", company_id);
    Text(element, "cbc:CompanyLegalForm", legal_form);
  }

  // BT-90 goes on the seller as a SEPA party identifier (see ubl_reader.cc AttachCreditorId).
  std::optional<std::string> CreditorId() const {
    for (const invoice::PaymentInstructions& means : invoice_.payment_instructions) {
      if (means.direct_debit && means.direct_debit->creditor_id) {
        return means.direct_debit->creditor_id;
      }
    }
    return std::nullopt;
  }

  void Seller(pugi::xml_node root) {
    if (!invoice_.seller) return;
    const invoice::Seller& seller = *invoice_.seller;
    pugi::xml_node party = Add(Add(root, "cac:AccountingSupplierParty"), "cac:Party");
    Id(party, "cbc:EndpointID", seller.electronic_address);
    for (const invoice::Identifier& id : seller.identifiers) PartyId(party, id);
    if (std::optional<std::string> creditor = CreditorId()) {
      invoice::Identifier sepa;
      sepa.value = *creditor;
      sepa.scheme = "SEPA";
      PartyId(party, sepa);
    }
    PartyName(party, seller.trading_name);
    Address(party, "cac:PostalAddress", seller.address);
    PartyTaxScheme(party, seller.vat_id, "VAT");
    PartyTaxScheme(party, seller.tax_registration_id, "TAX");
    LegalEntity(party, seller.name, seller.legal_registration_id, seller.legal_information);
    Contact(party, seller.contact);
  }

  void Buyer(pugi::xml_node root) {
    if (!invoice_.buyer) return;
    const invoice::Buyer& buyer = *invoice_.buyer;
    pugi::xml_node party = Add(Add(root, "cac:AccountingCustomerParty"), "cac:Party");
    Id(party, "cbc:EndpointID", buyer.electronic_address);
    if (buyer.identifier) PartyId(party, *buyer.identifier);
    PartyName(party, buyer.trading_name);
    Address(party, "cac:PostalAddress", buyer.address);
    PartyTaxScheme(party, buyer.vat_id, "VAT");
    LegalEntity(party, buyer.name, buyer.legal_registration_id, std::nullopt);
    Contact(party, buyer.contact);
  }

  void Payee(pugi::xml_node root) {
    if (!invoice_.payee) return;
    const invoice::Payee& payee = *invoice_.payee;
    pugi::xml_node party = Add(root, "cac:PayeeParty");
    if (payee.identifier) PartyId(party, *payee.identifier);
    PartyName(party, payee.name);
    LegalEntity(party, std::nullopt, payee.legal_registration_id, std::nullopt);
  }

  void TaxRepresentative(pugi::xml_node root) {
    if (!invoice_.tax_representative) return;
    const invoice::TaxRepresentative& representative = *invoice_.tax_representative;
    pugi::xml_node party = Add(root, "cac:TaxRepresentativeParty");
    PartyName(party, representative.name);
    Address(party, "cac:PostalAddress", representative.address);
    PartyTaxScheme(party, representative.vat_id, "VAT");
  }

  void Delivery(pugi::xml_node root) {
    if (!invoice_.delivery) return;
    const invoice::Delivery& delivery = *invoice_.delivery;
    pugi::xml_node element = Add(root, "cac:Delivery");
    Date(element, "cbc:ActualDeliveryDate", delivery.actual_delivery_date);
    if (delivery.location_id || delivery.address) {
      pugi::xml_node location = Add(element, "cac:DeliveryLocation");
      Id(location, "cbc:ID", delivery.location_id);
      Address(location, "cac:Address", delivery.address);
    }
    if (delivery.party_name) {
      PartyName(Add(element, "cac:DeliveryParty"), delivery.party_name);
    }
  }

  static void Period(pugi::xml_node parent, const invoice::Period& period,
                     const std::optional<std::string>& description_code) {
    pugi::xml_node element = Add(parent, "cac:InvoicePeriod");
    Date(element, "cbc:StartDate", period.start);
    Date(element, "cbc:EndDate", period.end);
    Text(element, "cbc:DescriptionCode", description_code);
  }

  void PaymentMeans(pugi::xml_node root, const invoice::PaymentInstructions& means,
                    const invoice::CreditTransfer* transfer, bool with_due_date) {
    pugi::xml_node element = Add(root, "cac:PaymentMeans");
    if (means.means_code || means.means_text) {
      pugi::xml_node code = Add(element, "cbc:PaymentMeansCode");
      code.text().set(means.means_code.value_or("").c_str());
      if (means.means_text) code.append_attribute("name") = means.means_text->c_str();
    }
    if (with_due_date) Date(element, "cbc:PaymentDueDate", invoice_.due_date);
    Text(element, "cbc:PaymentID", means.remittance_information);
    if (means.card) {
      pugi::xml_node card = Add(element, "cac:CardAccount");
      Text(card, "cbc:PrimaryAccountNumberID", means.card->primary_account_number);
      Text(card, "cbc:HolderName", means.card->holder_name);
    }
    if (transfer != nullptr) {
      pugi::xml_node account = Add(element, "cac:PayeeFinancialAccount");
      Text(account, "cbc:ID", transfer->account_id);
      Text(account, "cbc:Name", transfer->account_name);
      if (transfer->service_provider_id) {
        Text(Add(account, "cac:FinancialInstitutionBranch"), "cbc:ID",
             transfer->service_provider_id);
      }
    }
    const std::optional<invoice::DirectDebit>& debit = means.direct_debit;
    if (debit && (debit->mandate_reference || debit->debited_account)) {
      pugi::xml_node mandate = Add(element, "cac:PaymentMandate");
      Text(mandate, "cbc:ID", debit->mandate_reference);
      if (debit->debited_account) {
        Text(Add(mandate, "cac:PayerFinancialAccount"), "cbc:ID", debit->debited_account);
      }
    }
  }

  void AllPaymentMeans(pugi::xml_node root) {
    // A credit note's BT-9 lives on its (first) payment means: UBL 2.1 has no CreditNote DueDate.
    bool due_date_pending = credit_note_;
    for (const invoice::PaymentInstructions& means : invoice_.payment_instructions) {
      // UBL's PaymentMeans holds one payee account: one element per credit transfer.
      size_t count = std::max<size_t>(1, means.credit_transfers.size());
      for (size_t i = 0; i < count; ++i) {
        const invoice::CreditTransfer* transfer =
            means.credit_transfers.empty() ? nullptr : &means.credit_transfers[i];
        PaymentMeans(root, means, transfer, due_date_pending);
        due_date_pending = false;
      }
    }
  }

  void DocumentAllowanceCharge(pugi::xml_node root, const invoice::DocumentAllowanceCharge& ac) {
    pugi::xml_node element = Add(root, "cac:AllowanceCharge");
    Add(element, "cbc:ChargeIndicator").text().set(ac.is_charge ? "true" : "false");
    Text(element, "cbc:AllowanceChargeReasonCode", ac.reason_code);
    Text(element, "cbc:AllowanceChargeReason", ac.reason);
    Number(element, "cbc:MultiplierFactorNumeric", ac.percentage);
    Amount(element, "cbc:Amount", ac.amount);
    Amount(element, "cbc:BaseAmount", ac.base_amount);
    if (ac.vat_category_code || ac.vat_rate || ac.tax_scheme) {
      pugi::xml_node category =
          TaxCategory(element, "cac:TaxCategory", ac.vat_category_code, ac.vat_rate);
      TaxScheme(category, ac.tax_scheme);
    }
  }

  void TaxTotals(pugi::xml_node root) {
    const std::optional<invoice::DocumentTotals>& totals = invoice_.totals;
    bool has_vat_total = totals && totals->total_vat;
    if (has_vat_total || !invoice_.vat_breakdown.empty()) {
      pugi::xml_node tax_total = Add(root, "cac:TaxTotal");
      if (has_vat_total) Amount(tax_total, "cbc:TaxAmount", totals->total_vat);
      for (const invoice::VatBreakdown& vat : invoice_.vat_breakdown) {
        pugi::xml_node subtotal = Add(tax_total, "cac:TaxSubtotal");
        Amount(subtotal, "cbc:TaxableAmount", vat.taxable_amount);
        Amount(subtotal, "cbc:TaxAmount", vat.tax_amount);
        if (vat.category_code || vat.rate || vat.exemption_reason || vat.exemption_reason_code ||
            vat.tax_scheme) {
          pugi::xml_node category =
              TaxCategory(subtotal, "cac:TaxCategory", vat.category_code, vat.rate);
          Text(category, "cbc:TaxExemptionReasonCode", vat.exemption_reason_code);
          Text(category, "cbc:TaxExemptionReason", vat.exemption_reason);
          TaxScheme(category, vat.tax_scheme);
        }
      }
    }
    if (totals && totals->total_vat_accounting) {
      pugi::xml_node tax_total = Add(root, "cac:TaxTotal");
      invoice::DecimalText amount = *totals->total_vat_accounting;
      if (!amount.currency) amount.currency = invoice_.vat_accounting_currency;
      Amount(tax_total, "cbc:TaxAmount", amount);
    }
  }

  void MonetaryTotal(pugi::xml_node root) {
    if (!invoice_.totals || !invoice_.totals->summation_present) return;
    const invoice::DocumentTotals& totals = *invoice_.totals;
    pugi::xml_node element = Add(root, "cac:LegalMonetaryTotal");
    Amount(element, "cbc:LineExtensionAmount", totals.line_net_total);
    Amount(element, "cbc:TaxExclusiveAmount", totals.total_without_vat);
    Amount(element, "cbc:TaxInclusiveAmount", totals.total_with_vat);
    Amount(element, "cbc:AllowanceTotalAmount", totals.allowance_total);
    Amount(element, "cbc:ChargeTotalAmount", totals.charge_total);
    Amount(element, "cbc:PrepaidAmount", totals.paid_amount);
    Amount(element, "cbc:PayableRoundingAmount", totals.rounding_amount);
    Amount(element, "cbc:PayableAmount", totals.amount_due);
  }

  void SupportingDocument(pugi::xml_node root, const invoice::SupportingDocument& document) {
    pugi::xml_node element = Add(root, "cac:AdditionalDocumentReference");
    Text(element, "cbc:ID", document.reference);
    Text(element, "cbc:DocumentTypeCode", document.type_code);
    Text(element, "cbc:DocumentDescription", document.description);
    if (document.attachment || document.attachment_mime || document.attachment_filename ||
        document.external_location) {
      pugi::xml_node attachment = Add(element, "cac:Attachment");
      if (document.attachment || document.attachment_mime || document.attachment_filename) {
        pugi::xml_node binary = Add(attachment, "cbc:EmbeddedDocumentBinaryObject");
        binary.text().set(document.attachment.value_or("").c_str());
        if (document.attachment_mime) {
          binary.append_attribute("mimeCode") = document.attachment_mime->c_str();
        }
        if (document.attachment_filename) {
          binary.append_attribute("filename") = document.attachment_filename->c_str();
        }
      }
      if (document.external_location) {
        Text(Add(attachment, "cac:ExternalReference"), "cbc:URI", document.external_location);
      }
    }
  }

  void AdditionalDocuments(pugi::xml_node root) {
    if (invoice_.invoiced_object_id) {  // BT-18
      pugi::xml_node element = Add(root, "cac:AdditionalDocumentReference");
      Id(element, "cbc:ID", invoice_.invoiced_object_id);
      Add(element, "cbc:DocumentTypeCode").text().set("130");
    }
    if (credit_note_ && invoice_.project_reference) {  // BT-11 of a credit note
      pugi::xml_node element = Add(root, "cac:AdditionalDocumentReference");
      Text(element, "cbc:ID", invoice_.project_reference);
      Add(element, "cbc:DocumentTypeCode").text().set("50");
    }
    for (const invoice::SupportingDocument& document : invoice_.supporting_documents) {
      SupportingDocument(root, document);
    }
  }

  void Item(pugi::xml_node line, const invoice::Item& item) {
    pugi::xml_node element = Add(line, "cac:Item");
    Text(element, "cbc:Description", item.description);
    Text(element, "cbc:Name", item.name);
    if (item.buyer_id) Reference(element, "cac:BuyersItemIdentification", item.buyer_id);
    if (item.seller_id) Reference(element, "cac:SellersItemIdentification", item.seller_id);
    if (item.standard_id) {
      Id(Add(element, "cac:StandardItemIdentification"), "cbc:ID", item.standard_id);
    }
    if (item.origin_country) {
      Text(Add(element, "cac:OriginCountry"), "cbc:IdentificationCode", item.origin_country);
    }
    for (const invoice::Identifier& classification : item.classification_ids) {
      Id(Add(element, "cac:CommodityClassification"), "cbc:ItemClassificationCode", classification,
         "listID", "listVersionID");
    }
    if (item.vat_category_code || item.vat_rate || item.vat_tax_scheme) {
      pugi::xml_node category =
          TaxCategory(element, "cac:ClassifiedTaxCategory", item.vat_category_code, item.vat_rate);
      TaxScheme(category, item.vat_tax_scheme);
    }
    for (const invoice::ItemAttribute& attribute : item.attributes) {
      pugi::xml_node property = Add(element, "cac:AdditionalItemProperty");
      Text(property, "cbc:Name", attribute.name);
      Text(property, "cbc:Value", attribute.value);
    }
  }

  void Price(pugi::xml_node line, const invoice::PriceDetails& price) {
    pugi::xml_node element = Add(line, "cac:Price");
    Amount(element, "cbc:PriceAmount", price.net_price);
    Quantity(element, "cbc:BaseQuantity", price.base_quantity, price.base_quantity_unit);
    if (price.discount || price.gross_price) {
      pugi::xml_node allowance = Add(element, "cac:AllowanceCharge");
      Add(allowance, "cbc:ChargeIndicator").text().set("false");
      Amount(allowance, "cbc:Amount", price.discount);
      Amount(allowance, "cbc:BaseAmount", price.gross_price);
    }
  }

  void Line(pugi::xml_node root, const invoice::InvoiceLine& line) {
    pugi::xml_node element = Add(root, credit_note_ ? "cac:CreditNoteLine" : "cac:InvoiceLine");
    Text(element, "cbc:ID", line.id);
    Text(element, "cbc:Note", line.note);
    Quantity(element, credit_note_ ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", line.quantity,
             line.quantity_unit);
    Amount(element, "cbc:LineExtensionAmount", line.net_amount);
    Text(element, "cbc:AccountingCost", line.buyer_accounting_reference);
    if (line.period) Period(element, *line.period, line.period->description_code);
    if (line.order_line_reference) {
      Text(Add(element, "cac:OrderLineReference"), "cbc:LineID", line.order_line_reference);
    }
    if (line.object_id) {  // BT-128
      pugi::xml_node reference = Add(element, "cac:DocumentReference");
      Id(reference, "cbc:ID", line.object_id);
      Add(reference, "cbc:DocumentTypeCode").text().set("130");
    }
    for (const invoice::LineAllowanceCharge& ac : line.allowances_charges) {
      pugi::xml_node allowance = Add(element, "cac:AllowanceCharge");
      Add(allowance, "cbc:ChargeIndicator").text().set(ac.is_charge ? "true" : "false");
      Text(allowance, "cbc:AllowanceChargeReasonCode", ac.reason_code);
      Text(allowance, "cbc:AllowanceChargeReason", ac.reason);
      Number(allowance, "cbc:MultiplierFactorNumeric", ac.percentage);
      Amount(allowance, "cbc:Amount", ac.amount);
      Amount(allowance, "cbc:BaseAmount", ac.base_amount);
    }
    if (line.item) Item(element, *line.item);
    if (line.price) Price(element, *line.price);
  }

  void Note(pugi::xml_node root, const invoice::Note& note) {
    std::string text = note.text;
    // BT-21 has no UBL element: it travels as "#CODE#" in the text, as the artefact reads it.
    if (note.subject_code && SubjectCodeIn(text) != note.subject_code) {
      text = "#" + *note.subject_code + "#" + text;
    }
    Add(root, "cbc:Note").text().set(text.c_str());
  }

  void WriteRoot(pugi::xml_node root) {
    const SemanticInvoice& inv = invoice_;
    Text(root, "cbc:CustomizationID", inv.specification_id);
    Text(root, "cbc:ProfileID", inv.business_process);
    Text(root, "cbc:ID", inv.number);
    Date(root, "cbc:IssueDate", inv.issue_date);
    if (credit_note_) {
      Date(root, "cbc:TaxPointDate", inv.tax_point_date);
      Text(root, "cbc:CreditNoteTypeCode", inv.type_code);
      for (const invoice::Note& note : inv.notes) Note(root, note);
    } else {
      Date(root, "cbc:DueDate", inv.due_date);
      Text(root, "cbc:InvoiceTypeCode", inv.type_code);
      for (const invoice::Note& note : inv.notes) Note(root, note);
      Date(root, "cbc:TaxPointDate", inv.tax_point_date);
    }
    Text(root, "cbc:DocumentCurrencyCode", inv.currency);
    Text(root, "cbc:TaxCurrencyCode", inv.vat_accounting_currency);
    Text(root, "cbc:AccountingCost", inv.buyer_accounting_reference);
    Text(root, "cbc:BuyerReference", inv.buyer_reference);
    if (inv.period) {
      Period(root, *inv.period,
             inv.period->description_code ? inv.period->description_code : inv.tax_point_date_code);
    } else if (inv.tax_point_date_code) {
      Period(root, invoice::Period{}, inv.tax_point_date_code);
    }
    if (inv.purchase_order_reference || inv.sales_order_reference) {
      pugi::xml_node order = Add(root, "cac:OrderReference");
      // cbc:ID is mandatory in UBL; an empty one reads back as present-empty.
      Add(order, "cbc:ID").text().set(inv.purchase_order_reference.value_or("").c_str());
      Text(order, "cbc:SalesOrderID", inv.sales_order_reference);
    }
    for (const invoice::PrecedingInvoice& preceding : inv.preceding_invoices) {
      pugi::xml_node reference =
          Add(Add(root, "cac:BillingReference"), "cac:InvoiceDocumentReference");
      Text(reference, "cbc:ID", preceding.number);
      Date(reference, "cbc:IssueDate", preceding.issue_date);
    }
    Reference(root, "cac:DespatchDocumentReference", inv.despatch_advice_reference);
    Reference(root, "cac:ReceiptDocumentReference", inv.receiving_advice_reference);
    if (credit_note_) {
      Reference(root, "cac:ContractDocumentReference", inv.contract_reference);
      AdditionalDocuments(root);
      Reference(root, "cac:OriginatorDocumentReference", inv.tender_or_lot_reference);
    } else {
      Reference(root, "cac:OriginatorDocumentReference", inv.tender_or_lot_reference);
      Reference(root, "cac:ContractDocumentReference", inv.contract_reference);
      AdditionalDocuments(root);
      Reference(root, "cac:ProjectReference", inv.project_reference);
    }
    Seller(root);
    Buyer(root);
    Payee(root);
    TaxRepresentative(root);
    Delivery(root);
    AllPaymentMeans(root);
    if (inv.payment_terms) Text(Add(root, "cac:PaymentTerms"), "cbc:Note", inv.payment_terms);
    for (const invoice::DocumentAllowanceCharge& ac : inv.allowances_charges) {
      DocumentAllowanceCharge(root, ac);
    }
    TaxTotals(root);
    MonetaryTotal(root);
    for (const invoice::InvoiceLine& line : inv.lines) Line(root, line);
  }

  const SemanticInvoice& invoice_;
  const bool credit_note_;
  pugi::xml_document document_;
};

}  // namespace

std::string WriteUbl(const invoice::SemanticInvoice& invoice) { return UblWriter(invoice).Write(); }

}  // namespace choral::formats
