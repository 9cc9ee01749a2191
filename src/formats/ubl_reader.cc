// The UBL 2.1 binding of EN 16931 (EN 16931-3-2), read the way the official validation artefact
// (EN16931-UBL-validation.xslt) reads it, so that a rule written over the model sees what the
// schematron sees: which TaxTotal is BT-110, which PartyTaxScheme is BT-31, which tax category
// counts (the one whose TaxScheme is VAT), and where each group's element is.
#include "formats/ubl_reader.h"

#include <cctype>
#include <string_view>

#include "formats/xml_access.h"

namespace choral::formats {
namespace {

using invoice::SemanticInvoice;
using xml::Attribute;
using xml::Child;
using xml::ForEachChild;
using xml::LocalName;
using xml::OffsetOf;
using xml::Path;
using xml::Text;

std::optional<invoice::DateText> UblDate(const pugi::xml_node& node) {
  return xml::Date(node, /*ccyymmdd=*/false);
}

// normalize-space(upper-case(x)) = 'VAT', the artefact's test for a VAT tax scheme.
bool IsVatScheme(const pugi::xml_node& tax_scheme_id) {
  if (!tax_scheme_id) return false;
  std::string id = xml::Trimmed(xml::StringValue(tax_scheme_id));
  if (id.size() != 3) return false;
  return std::toupper(static_cast<unsigned char>(id[0])) == 'V' &&
         std::toupper(static_cast<unsigned char>(id[1])) == 'A' &&
         std::toupper(static_cast<unsigned char>(id[2])) == 'T';
}

bool HasVatScheme(const pugi::xml_node& party_or_category) {
  return IsVatScheme(Path(party_or_category, "TaxScheme/ID"));
}

// Of several TaxCategory / ClassifiedTaxCategory children, the one the rules look at: the first
// whose scheme is VAT, else the first (whose category the scheme-blind rules still see).
pugi::xml_node PickTaxCategory(const pugi::xml_node& parent, std::string_view local_name) {
  pugi::xml_node first;
  pugi::xml_node vat;
  ForEachChild(parent, local_name, [&](const pugi::xml_node& category) {
    if (!first) first = category;
    if (!vat && HasVatScheme(category)) vat = category;
  });
  return vat ? vat : first;
}

// cbc:ChargeIndicator as xs:boolean; none when it is absent or not a boolean (then the element is
// neither an allowance nor a charge for the artefact, whose contexts test `= true()/false()`).
std::optional<bool> ChargeIndicator(const pugi::xml_node& allowance_charge) {
  pugi::xml_node indicator = Child(allowance_charge, "ChargeIndicator");
  if (!indicator) return std::nullopt;
  std::string value = xml::Trimmed(xml::StringValue(indicator));
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  return std::nullopt;
}

invoice::PostalAddress ReadAddress(const pugi::xml_node& address) {
  invoice::PostalAddress out;
  out.line1 = Text(Child(address, "StreetName"));
  out.line2 = Text(Child(address, "AdditionalStreetName"));
  out.line3 = Text(Path(address, "AddressLine/Line"));
  out.city = Text(Child(address, "CityName"));
  out.post_code = Text(Child(address, "PostalZone"));
  out.subdivision = Text(Child(address, "CountrySubentity"));
  out.country = Text(Path(address, "Country/IdentificationCode"));
  out.source = OffsetOf(address);
  return out;
}

std::optional<invoice::PostalAddress> OptAddress(const pugi::xml_node& address) {
  if (!address) return std::nullopt;
  return ReadAddress(address);
}

std::optional<invoice::Contact> OptContact(const pugi::xml_node& contact) {
  if (!contact) return std::nullopt;
  invoice::Contact out;
  out.point = Text(Child(contact, "Name"));
  out.telephone = Text(Child(contact, "Telephone"));
  out.email = Text(Child(contact, "ElectronicMail"));
  out.source = OffsetOf(contact);
  return out;
}

// PartyTaxScheme/CompanyID: the first with a VAT scheme (BT-31, BT-48, BT-63) or the first with
// another scheme (BT-32).
pugi::xml_node TaxCompanyId(const pugi::xml_node& party, bool vat) {
  pugi::xml_node found;
  ForEachChild(party, "PartyTaxScheme", [&](const pugi::xml_node& scheme) {
    if (!found && HasVatScheme(scheme) == vat) found = Child(scheme, "CompanyID");
  });
  return found;
}

bool IsSepa(const pugi::xml_node& id) {
  return std::string_view(id.attribute("schemeID").value()) == "SEPA" && id.attribute("schemeID");
}

// PartyIdentification/ID other than the SEPA creditor identifier (BT-90, read separately).
template <typename Visit>
void ForEachPartyId(const pugi::xml_node& party, Visit&& visit) {
  ForEachChild(party, "PartyIdentification", [&](const pugi::xml_node& identification) {
    pugi::xml_node id = Child(identification, "ID");
    if (id && !IsSepa(id)) visit(id);
  });
}

pugi::xml_node SepaId(const pugi::xml_node& party) {
  pugi::xml_node found;
  ForEachChild(party, "PartyIdentification", [&](const pugi::xml_node& identification) {
    pugi::xml_node id = Child(identification, "ID");
    if (!found && id && IsSepa(id)) found = id;
  });
  return found;
}

invoice::Seller ReadSeller(const pugi::xml_node& supplier) {
  pugi::xml_node party = Child(supplier, "Party");
  invoice::Seller seller;
  seller.name = Text(Path(party, "PartyLegalEntity/RegistrationName"));
  seller.trading_name = Text(Path(party, "PartyName/Name"));
  ForEachPartyId(
      party, [&](const pugi::xml_node& id) { seller.identifiers.push_back(*xml::Identifier(id)); });
  seller.legal_registration_id = xml::Identifier(Path(party, "PartyLegalEntity/CompanyID"));
  seller.vat_id = Text(TaxCompanyId(party, /*vat=*/true));
  seller.tax_registration_id = Text(TaxCompanyId(party, /*vat=*/false));
  seller.legal_information = Text(Path(party, "PartyLegalEntity/CompanyLegalForm"));
  seller.electronic_address = xml::Identifier(Child(party, "EndpointID"));
  seller.address = OptAddress(Child(party, "PostalAddress"));
  seller.contact = OptContact(Child(party, "Contact"));
  seller.source = OffsetOf(supplier);
  return seller;
}

invoice::Buyer ReadBuyer(const pugi::xml_node& customer) {
  pugi::xml_node party = Child(customer, "Party");
  invoice::Buyer buyer;
  buyer.name = Text(Path(party, "PartyLegalEntity/RegistrationName"));
  buyer.trading_name = Text(Path(party, "PartyName/Name"));
  ForEachPartyId(party, [&](const pugi::xml_node& id) {
    if (!buyer.identifier) buyer.identifier = xml::Identifier(id);
  });
  buyer.legal_registration_id = xml::Identifier(Path(party, "PartyLegalEntity/CompanyID"));
  buyer.vat_id = Text(TaxCompanyId(party, /*vat=*/true));
  buyer.electronic_address = xml::Identifier(Child(party, "EndpointID"));
  buyer.address = OptAddress(Child(party, "PostalAddress"));
  buyer.contact = OptContact(Child(party, "Contact"));
  buyer.source = OffsetOf(customer);
  return buyer;
}

invoice::Payee ReadPayee(const pugi::xml_node& party) {
  invoice::Payee payee;
  payee.name = Text(Path(party, "PartyName/Name"));
  ForEachPartyId(party, [&](const pugi::xml_node& id) {
    if (!payee.identifier) payee.identifier = xml::Identifier(id);
  });
  payee.legal_registration_id = xml::Identifier(Path(party, "PartyLegalEntity/CompanyID"));
  payee.source = OffsetOf(party);
  return payee;
}

invoice::TaxRepresentative ReadTaxRepresentative(const pugi::xml_node& party) {
  invoice::TaxRepresentative representative;
  representative.name = Text(Path(party, "PartyName/Name"));
  representative.vat_id = Text(TaxCompanyId(party, /*vat=*/true));
  representative.address = OptAddress(Child(party, "PostalAddress"));
  representative.source = OffsetOf(party);
  return representative;
}

invoice::Delivery ReadDelivery(const pugi::xml_node& delivery) {
  invoice::Delivery out;
  out.party_name = Text(Path(delivery, "DeliveryParty/PartyName/Name"));
  out.location_id = xml::Identifier(Path(delivery, "DeliveryLocation/ID"));
  out.actual_delivery_date = UblDate(Child(delivery, "ActualDeliveryDate"));
  out.address = OptAddress(Path(delivery, "DeliveryLocation/Address"));
  out.source = OffsetOf(delivery);
  return out;
}

invoice::Period ReadPeriod(const pugi::xml_node& period) {
  invoice::Period out;
  out.start = UblDate(Child(period, "StartDate"));
  out.end = UblDate(Child(period, "EndDate"));
  out.description_code = Text(Child(period, "DescriptionCode"));
  out.source = OffsetOf(period);
  return out;
}

invoice::PaymentInstructions ReadPaymentMeans(const pugi::xml_node& means) {
  invoice::PaymentInstructions out;
  pugi::xml_node code = Child(means, "PaymentMeansCode");
  out.means_code = Text(code);
  if (code) out.means_text = Attribute(code, "name");
  out.remittance_information = Text(Child(means, "PaymentID"));
  if (pugi::xml_node account = Child(means, "PayeeFinancialAccount")) {
    invoice::CreditTransfer transfer;
    transfer.account_id = Text(Child(account, "ID"));
    transfer.account_name = Text(Child(account, "Name"));
    transfer.service_provider_id = Text(Path(account, "FinancialInstitutionBranch/ID"));
    transfer.source = OffsetOf(account);
    out.credit_transfers.push_back(std::move(transfer));
  }
  if (pugi::xml_node card = Child(means, "CardAccount")) {
    invoice::PaymentCard payment_card;
    payment_card.primary_account_number = Text(Child(card, "PrimaryAccountNumberID"));
    payment_card.holder_name = Text(Child(card, "HolderName"));
    payment_card.source = OffsetOf(card);
    out.card = std::move(payment_card);
  }
  if (pugi::xml_node mandate = Child(means, "PaymentMandate")) {
    invoice::DirectDebit debit;
    debit.mandate_reference = Text(Child(mandate, "ID"));
    debit.debited_account = Text(Path(mandate, "PayerFinancialAccount/ID"));
    debit.source = OffsetOf(mandate);
    out.direct_debit = std::move(debit);
  }
  out.source = OffsetOf(means);
  return out;
}

// BT-90 is the seller's (or else the payee's) PartyIdentification with scheme SEPA; the model
// keeps it in BG-19, on the payment means that has a mandate (else the first one).
void AttachCreditorId(const pugi::xml_node& root, SemanticInvoice& invoice) {
  pugi::xml_node sepa = SepaId(Path(root, "AccountingSupplierParty/Party"));
  if (!sepa) sepa = SepaId(Child(root, "PayeeParty"));
  if (!sepa || invoice.payment_instructions.empty()) return;
  invoice::PaymentInstructions* target = &invoice.payment_instructions.front();
  for (invoice::PaymentInstructions& means : invoice.payment_instructions) {
    if (means.direct_debit) {
      target = &means;
      break;
    }
  }
  if (!target->direct_debit) {
    target->direct_debit.emplace();
    target->direct_debit->source = OffsetOf(sepa);
  }
  target->direct_debit->creditor_id = xml::StringValue(sepa);
}

invoice::DocumentAllowanceCharge ReadDocumentAllowanceCharge(const pugi::xml_node& element,
                                                             bool is_charge) {
  invoice::DocumentAllowanceCharge out;
  out.is_charge = is_charge;
  out.amount = xml::Decimal(Child(element, "Amount"));
  out.base_amount = xml::Decimal(Child(element, "BaseAmount"));
  out.percentage = xml::Decimal(Child(element, "MultiplierFactorNumeric"));
  if (pugi::xml_node category = PickTaxCategory(element, "TaxCategory")) {
    out.vat_category_code = Text(Child(category, "ID"));
    out.vat_rate = xml::Decimal(Child(category, "Percent"));
    out.tax_scheme = Text(Path(category, "TaxScheme/ID"));
  }
  out.reason = Text(Child(element, "AllowanceChargeReason"));
  out.reason_code = Text(Child(element, "AllowanceChargeReasonCode"));
  out.source = OffsetOf(element);
  return out;
}

invoice::LineAllowanceCharge ReadLineAllowanceCharge(const pugi::xml_node& element,
                                                     bool is_charge) {
  invoice::LineAllowanceCharge out;
  out.is_charge = is_charge;
  out.amount = xml::Decimal(Child(element, "Amount"));
  out.base_amount = xml::Decimal(Child(element, "BaseAmount"));
  out.percentage = xml::Decimal(Child(element, "MultiplierFactorNumeric"));
  out.reason = Text(Child(element, "AllowanceChargeReason"));
  out.reason_code = Text(Child(element, "AllowanceChargeReasonCode"));
  out.source = OffsetOf(element);
  return out;
}

invoice::VatBreakdown ReadTaxSubtotal(const pugi::xml_node& subtotal) {
  invoice::VatBreakdown out;
  out.taxable_amount = xml::Decimal(Child(subtotal, "TaxableAmount"));
  out.tax_amount = xml::Decimal(Child(subtotal, "TaxAmount"));
  if (pugi::xml_node category = PickTaxCategory(subtotal, "TaxCategory")) {
    out.category_code = Text(Child(category, "ID"));
    out.rate = xml::Decimal(Child(category, "Percent"));
    out.exemption_reason = Text(Child(category, "TaxExemptionReason"));
    out.exemption_reason_code = Text(Child(category, "TaxExemptionReasonCode"));
    out.tax_scheme = Text(Path(category, "TaxScheme/ID"));
  }
  out.source = OffsetOf(subtotal);
  return out;
}

// BT-110 is the TaxTotal/TaxAmount in the document currency, BT-111 the one in the VAT accounting
// currency (BR-CO-15, BR-53). When none is in BT-5's currency (or BT-5 is missing), BT-110 is the
// TaxTotal that carries the breakdown, else the first other one: the rules then see its currency
// differ from BT-5's, as the artefact does, and BR-CO-14 still compares it with its subtotals.
void ReadTaxTotals(const pugi::xml_node& root, SemanticInvoice& invoice,
                   invoice::DocumentTotals& totals) {
  pugi::xml_node in_document_currency;
  pugi::xml_node in_accounting_currency;
  ForEachChild(root, "TaxTotal", [&](const pugi::xml_node& tax_total) {
    pugi::xml_node amount = Child(tax_total, "TaxAmount");
    if (!amount) return;
    totals.vat_totals_as_written.push_back(*xml::Decimal(amount));
    pugi::xml_attribute currency = amount.attribute("currencyID");
    if (!in_document_currency && currency && invoice.currency &&
        *invoice.currency == currency.value()) {
      in_document_currency = amount;
    } else if (!in_accounting_currency && currency && invoice.vat_accounting_currency &&
               *invoice.vat_accounting_currency == currency.value()) {
      in_accounting_currency = amount;
    }
  });
  if (!in_document_currency) {
    pugi::xml_node with_subtotals;
    pugi::xml_node other;
    ForEachChild(root, "TaxTotal", [&](const pugi::xml_node& tax_total) {
      pugi::xml_node amount = Child(tax_total, "TaxAmount");
      if (!amount || amount == in_accounting_currency) return;
      if (!with_subtotals && Child(tax_total, "TaxSubtotal")) with_subtotals = amount;
      if (!other) other = amount;
    });
    in_document_currency = with_subtotals ? with_subtotals : other;
  }
  totals.total_vat = xml::Decimal(in_document_currency);
  totals.total_vat_accounting = xml::Decimal(in_accounting_currency);

  // BG-23 from every TaxTotal's subtotals (the artefact's cac:TaxTotal/cac:TaxSubtotal).
  ForEachChild(root, "TaxTotal", [&](const pugi::xml_node& tax_total) {
    ForEachChild(tax_total, "TaxSubtotal", [&](const pugi::xml_node& subtotal) {
      invoice.vat_breakdown.push_back(ReadTaxSubtotal(subtotal));
    });
  });
}

void ReadTotals(const pugi::xml_node& root, SemanticInvoice& invoice) {
  invoice::DocumentTotals totals;
  pugi::xml_node monetary = Child(root, "LegalMonetaryTotal");
  totals.line_net_total = xml::Decimal(Child(monetary, "LineExtensionAmount"));
  totals.allowance_total = xml::Decimal(Child(monetary, "AllowanceTotalAmount"));
  totals.charge_total = xml::Decimal(Child(monetary, "ChargeTotalAmount"));
  totals.total_without_vat = xml::Decimal(Child(monetary, "TaxExclusiveAmount"));
  totals.total_with_vat = xml::Decimal(Child(monetary, "TaxInclusiveAmount"));
  totals.paid_amount = xml::Decimal(Child(monetary, "PrepaidAmount"));
  totals.rounding_amount = xml::Decimal(Child(monetary, "PayableRoundingAmount"));
  totals.amount_due = xml::Decimal(Child(monetary, "PayableAmount"));
  ReadTaxTotals(root, invoice, totals);
  totals.summation_present = static_cast<bool>(monetary);
  if (monetary) {
    totals.source = OffsetOf(monetary);
  } else if (totals.total_vat) {
    totals.source = totals.total_vat->source;
  } else if (totals.total_vat_accounting) {
    totals.source = totals.total_vat_accounting->source;
  } else {
    return;  // neither element: no BG-22
  }
  invoice.totals = std::move(totals);
}

invoice::Item ReadItem(const pugi::xml_node& item) {
  invoice::Item out;
  out.name = Text(Child(item, "Name"));
  out.description = Text(Child(item, "Description"));
  out.seller_id = Text(Path(item, "SellersItemIdentification/ID"));
  out.buyer_id = Text(Path(item, "BuyersItemIdentification/ID"));
  out.standard_id = xml::Identifier(Path(item, "StandardItemIdentification/ID"));
  ForEachChild(item, "CommodityClassification", [&](const pugi::xml_node& classification) {
    pugi::xml_node code = Child(classification, "ItemClassificationCode");
    if (code) out.classification_ids.push_back(*xml::Identifier(code, "listID", "listVersionID"));
  });
  out.origin_country = Text(Path(item, "OriginCountry/IdentificationCode"));
  ForEachChild(item, "AdditionalItemProperty", [&](const pugi::xml_node& property) {
    invoice::ItemAttribute attribute;
    attribute.name = Text(Child(property, "Name"));
    attribute.value = Text(Child(property, "Value"));
    attribute.source = OffsetOf(property);
    out.attributes.push_back(std::move(attribute));
  });
  if (pugi::xml_node category = PickTaxCategory(item, "ClassifiedTaxCategory")) {
    out.vat_category_code = Text(Child(category, "ID"));
    out.vat_rate = xml::Decimal(Child(category, "Percent"));
    out.vat_tax_scheme = Text(Path(category, "TaxScheme/ID"));
    out.vat_source = OffsetOf(category);
  }
  out.source = OffsetOf(item);
  return out;
}

invoice::PriceDetails ReadPrice(const pugi::xml_node& price) {
  invoice::PriceDetails out;
  out.net_price = xml::Decimal(Child(price, "PriceAmount"));
  pugi::xml_node allowance = Child(price, "AllowanceCharge");
  out.discount = xml::Decimal(Child(allowance, "Amount"));
  out.gross_price = xml::Decimal(Child(allowance, "BaseAmount"));
  pugi::xml_node base_quantity = Child(price, "BaseQuantity");
  out.base_quantity = xml::Decimal(base_quantity);
  if (base_quantity) out.base_quantity_unit = Attribute(base_quantity, "unitCode");
  out.source = OffsetOf(price);
  return out;
}

// DocumentReference / AdditionalDocumentReference whose cbc:DocumentTypeCode is `code`.
pugi::xml_node ReferenceWithType(const pugi::xml_node& parent, std::string_view element,
                                 std::string_view code) {
  pugi::xml_node found;
  ForEachChild(parent, element, [&](const pugi::xml_node& reference) {
    pugi::xml_node type = Child(reference, "DocumentTypeCode");
    if (!found && type && xml::StringValue(type) == code) found = reference;
  });
  return found;
}

invoice::InvoiceLine ReadLine(const pugi::xml_node& line) {
  invoice::InvoiceLine out;
  out.id = Text(Child(line, "ID"));
  out.note = Text(Child(line, "Note"));
  out.object_id = xml::Identifier(Child(ReferenceWithType(line, "DocumentReference", "130"), "ID"));
  // The artefact reads either quantity and either line element in both roots ("cbc:InvoicedQuantity
  // or cbc:CreditedQuantity"); the schema, not the rules, says which one the root allows.
  pugi::xml_node quantity = Child(line, "InvoicedQuantity");
  if (!quantity) quantity = Child(line, "CreditedQuantity");
  out.quantity = xml::Decimal(quantity);
  if (quantity) out.quantity_unit = Attribute(quantity, "unitCode");
  out.net_amount = xml::Decimal(Child(line, "LineExtensionAmount"));
  out.order_line_reference = Text(Path(line, "OrderLineReference/LineID"));
  out.buyer_accounting_reference = Text(Child(line, "AccountingCost"));
  if (pugi::xml_node period = Child(line, "InvoicePeriod")) out.period = ReadPeriod(period);
  ForEachChild(line, "AllowanceCharge", [&](const pugi::xml_node& element) {
    if (auto is_charge = ChargeIndicator(element)) {
      out.allowances_charges.push_back(ReadLineAllowanceCharge(element, *is_charge));
    }
  });
  if (pugi::xml_node price = Child(line, "Price")) out.price = ReadPrice(price);
  if (pugi::xml_node item = Child(line, "Item")) out.item = ReadItem(item);
  out.source = OffsetOf(line);
  return out;
}

invoice::SupportingDocument ReadSupportingDocument(const pugi::xml_node& reference) {
  invoice::SupportingDocument out;
  out.reference = Text(Child(reference, "ID"));
  out.description = Text(Child(reference, "DocumentDescription"));
  pugi::xml_node attachment = Child(reference, "Attachment");
  out.external_location = Text(Path(attachment, "ExternalReference/URI"));
  if (pugi::xml_node binary = Child(attachment, "EmbeddedDocumentBinaryObject")) {
    out.attachment = xml::StringValue(binary);
    out.attachment_mime = Attribute(binary, "mimeCode");
    out.attachment_filename = Attribute(binary, "filename");
  }
  out.type_code = Text(Child(reference, "DocumentTypeCode"));
  out.source = OffsetOf(reference);
  return out;
}

// BG-1: UBL has no element for BT-21; the artefact (BR-CL-08) reads it as the three letters
// between the first two '#' of the note ("#AAI#text"). The text stays as written.
invoice::Note ReadNote(const pugi::xml_node& note) {
  invoice::Note out;
  out.text = xml::StringValue(note);
  size_t first = out.text.find('#');
  if (first != std::string::npos) {
    size_t second = out.text.find('#', first + 1);
    if (second != std::string::npos && second - first - 1 == 3) {
      out.subject_code = out.text.substr(first + 1, 3);
    }
  }
  out.source = OffsetOf(note);
  return out;
}

// The coded values whose code-list rule the artefact runs on the element wherever it stands
// (cac:InvoicePeriod/cbc:DescriptionCode, cac:Country/cbc:IdentificationCode,
// cbc:TaxExemptionReasonCode, the @unitCode of the three quantities), in document order:
// SemanticInvoice::codes_as_written. By local names, as the rest of this reader reads.
void ReadCodesAsWritten(const pugi::xml_node& root, SemanticInvoice& invoice) {
  for (pugi::xml_node node = root.first_child(); node;) {
    if (node.type() == pugi::node_element) {
      std::string_view name = LocalName(node);
      std::string_view parent = LocalName(node.parent());
      const char* rule = nullptr;
      bool unit = false;
      if (name == "DescriptionCode" && parent == "InvoicePeriod") {
        rule = "BR-CL-06";
      } else if (name == "IdentificationCode" && parent == "Country") {
        rule = "BR-CL-14";
      } else if (name == "TaxExemptionReasonCode") {
        rule = "BR-CL-22";
      } else if (name == "InvoicedQuantity" || name == "CreditedQuantity" ||
                 name == "BaseQuantity") {
        rule = "BR-CL-23", unit = true;
      }
      if (rule != nullptr && !unit) {
        invoice.codes_as_written.push_back({rule, xml::StringValue(node), OffsetOf(node)});
      } else if (rule != nullptr) {
        if (pugi::xml_attribute code = node.attribute("unitCode")) {
          invoice.codes_as_written.push_back({rule, code.value(), OffsetOf(node)});
        }
      }
    }
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

invoice::SemanticInvoice ReadUbl(const pugi::xml_node& root) {
  SemanticInvoice invoice;
  const bool credit_note = LocalName(root) == "CreditNote";
  invoice.number = Text(Child(root, "ID"));
  invoice.issue_date = UblDate(Child(root, "IssueDate"));
  invoice.type_code = Text(Child(root, credit_note ? "CreditNoteTypeCode" : "InvoiceTypeCode"));
  invoice.ubl_credit_note = credit_note;
  invoice.currency = Text(Child(root, "DocumentCurrencyCode"));
  invoice.vat_accounting_currency = Text(Child(root, "TaxCurrencyCode"));
  invoice.tax_point_date = UblDate(Child(root, "TaxPointDate"));
  if (credit_note) {
    // UBL 2.1's CreditNote has no DueDate: EN 16931-3-2 puts BT-9 on the payment means.
    ForEachChild(root, "PaymentMeans", [&](const pugi::xml_node& means) {
      if (!invoice.due_date) invoice.due_date = UblDate(Child(means, "PaymentDueDate"));
    });
  } else {
    invoice.due_date = UblDate(Child(root, "DueDate"));
  }
  invoice.buyer_reference = Text(Child(root, "BuyerReference"));
  // UBL 2.1's CreditNote has no ProjectReference: BT-11 is an AdditionalDocumentReference with
  // DocumentTypeCode 50 there (the artefact's UBL-SR-43 allows that code in credit notes only).
  invoice.project_reference =
      credit_note ? Text(Child(ReferenceWithType(root, "AdditionalDocumentReference", "50"), "ID"))
                  : Text(Path(root, "ProjectReference/ID"));
  invoice.contract_reference = Text(Path(root, "ContractDocumentReference/ID"));
  invoice.purchase_order_reference = Text(Path(root, "OrderReference/ID"));
  invoice.sales_order_reference = Text(Path(root, "OrderReference/SalesOrderID"));
  invoice.receiving_advice_reference = Text(Path(root, "ReceiptDocumentReference/ID"));
  invoice.despatch_advice_reference = Text(Path(root, "DespatchDocumentReference/ID"));
  invoice.tender_or_lot_reference = Text(Path(root, "OriginatorDocumentReference/ID"));
  invoice.invoiced_object_id =
      xml::Identifier(Child(ReferenceWithType(root, "AdditionalDocumentReference", "130"), "ID"));
  invoice.buyer_accounting_reference = Text(Child(root, "AccountingCost"));
  invoice.payment_terms = Text(Path(root, "PaymentTerms/Note"));
  invoice.business_process = Text(Child(root, "ProfileID"));
  invoice.specification_id = Text(Child(root, "CustomizationID"));

  ForEachChild(root, "Note",
               [&](const pugi::xml_node& note) { invoice.notes.push_back(ReadNote(note)); });
  ForEachChild(root, "BillingReference", [&](const pugi::xml_node& billing) {
    invoice::PrecedingInvoice preceding;
    pugi::xml_node reference = Child(billing, "InvoiceDocumentReference");
    preceding.number = Text(Child(reference, "ID"));
    preceding.issue_date = UblDate(Child(reference, "IssueDate"));
    preceding.source = OffsetOf(billing);
    invoice.preceding_invoices.push_back(std::move(preceding));
  });

  if (pugi::xml_node supplier = Child(root, "AccountingSupplierParty")) {
    invoice.seller = ReadSeller(supplier);
  }
  if (pugi::xml_node customer = Child(root, "AccountingCustomerParty")) {
    invoice.buyer = ReadBuyer(customer);
  }
  if (pugi::xml_node payee = Child(root, "PayeeParty")) invoice.payee = ReadPayee(payee);
  if (pugi::xml_node representative = Child(root, "TaxRepresentativeParty")) {
    invoice.tax_representative = ReadTaxRepresentative(representative);
  }
  if (pugi::xml_node delivery = Child(root, "Delivery")) invoice.delivery = ReadDelivery(delivery);
  if (pugi::xml_node period = Child(root, "InvoicePeriod")) {
    invoice.period = ReadPeriod(period);
    invoice.tax_point_date_code = invoice.period->description_code;  // BT-8
  }

  ForEachChild(root, "PaymentMeans", [&](const pugi::xml_node& means) {
    invoice.payment_instructions.push_back(ReadPaymentMeans(means));
  });
  AttachCreditorId(root, invoice);

  ForEachChild(root, "AllowanceCharge", [&](const pugi::xml_node& element) {
    if (auto is_charge = ChargeIndicator(element)) {
      invoice.allowances_charges.push_back(ReadDocumentAllowanceCharge(element, *is_charge));
    }
  });
  ReadTotals(root, invoice);

  ForEachChild(root, "AdditionalDocumentReference", [&](const pugi::xml_node& reference) {
    pugi::xml_node type = Child(reference, "DocumentTypeCode");
    std::string code = type ? xml::StringValue(type) : std::string();
    if (type && (code == "130" || (credit_note && code == "50"))) return;  // BT-18, BT-11
    invoice.supporting_documents.push_back(ReadSupportingDocument(reference));
  });

  for (const pugi::xml_node& child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = xml::LocalName(child);
    if (name == "InvoiceLine" || name == "CreditNoteLine") invoice.lines.push_back(ReadLine(child));
  }
  ReadCodesAsWritten(root, invoice);
  invoice.source = OffsetOf(root);
  return invoice;
}

}  // namespace choral::formats
