// WriteCii: the EN 16931 model as a UN/CEFACT CrossIndustryInvoice D16B, in the element order of
// the schema and the structure of the Factur-X EN16931 profile, bound as EN 16931-3-3 binds it
// (the mirror of cii_reader.cc: reading what is written gives the same model back).
#include <sstream>

#include <pugixml.hpp>

#include "formats/invoice_writer.h"

namespace choral::formats {
namespace {

using invoice::DateText;
using invoice::DecimalText;
using invoice::Identifier;

pugi::xml_node Add(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

void AddText(pugi::xml_node parent, const char* name, const std::string& text) {
  Add(parent, name).text().set(text.c_str());
}
void AddText(pugi::xml_node parent, const char* name, const std::optional<std::string>& text) {
  if (text) AddText(parent, name, *text);
}

void SetAttribute(pugi::xml_node node, const char* name, const std::optional<std::string>& value) {
  if (value) node.append_attribute(name).set_value(value->c_str());
}

// CII amounts carry no currency (CII-DT-031) except the VAT totals (BT-110, BT-111).
void AddAmount(pugi::xml_node parent, const char* name, const std::optional<DecimalText>& amount) {
  if (amount) AddText(parent, name, amount->text);
}

void AddQuantity(pugi::xml_node parent, const char* name,
                 const std::optional<DecimalText>& quantity,
                 const std::optional<std::string>& unit) {
  if (!quantity) return;
  pugi::xml_node node = Add(parent, name);
  node.text().set(quantity->text.c_str());
  SetAttribute(node, "unitCode", unit);
}

void AddId(pugi::xml_node parent, const char* name, const std::optional<Identifier>& id,
           const char* scheme = "schemeID", const char* version = "schemeVersionID") {
  if (!id) return;
  pugi::xml_node node = Add(parent, name);
  node.text().set(id->value.c_str());
  SetAttribute(node, scheme, id->scheme);
  SetAttribute(node, version, id->scheme_version);
}

// A party identifier: ram:GlobalID when it has a scheme, ram:ID otherwise.
void AddPartyId(pugi::xml_node party, const std::optional<Identifier>& id) {
  if (id) AddId(party, id->scheme ? "ram:GlobalID" : "ram:ID", id);
}

// A date in CII's format: a date read from UBL (no format, YYYY-MM-DD) is written as format 102.
void AddDate(pugi::xml_node parent, const char* holder, const std::optional<DateText>& date,
             const char* string_name = "udt:DateTimeString") {
  if (!date) return;
  pugi::xml_node node = Add(Add(parent, holder), string_name);
  if (!date->format && date->value) {
    // ToIso() is "YYYY-MM-DD"; format 102 is the same digits without the dashes.
    std::string text = date->value->ToIso();
    text.erase(7, 1);
    text.erase(4, 1);
    node.text().set(text.c_str());
    node.append_attribute("format").set_value("102");
    return;
  }
  node.text().set(date->text.c_str());
  SetAttribute(node, "format", date->format);
}

void AddAddress(pugi::xml_node party, const std::optional<invoice::PostalAddress>& address) {
  if (!address) return;
  pugi::xml_node node = Add(party, "ram:PostalTradeAddress");
  AddText(node, "ram:PostcodeCode", address->post_code);
  AddText(node, "ram:LineOne", address->line1);
  AddText(node, "ram:LineTwo", address->line2);
  AddText(node, "ram:LineThree", address->line3);
  AddText(node, "ram:CityName", address->city);
  AddText(node, "ram:CountryID", address->country);
  AddText(node, "ram:CountrySubDivisionName", address->subdivision);
}

void AddContact(pugi::xml_node party, const std::optional<invoice::Contact>& contact) {
  if (!contact) return;
  pugi::xml_node node = Add(party, "ram:DefinedTradeContact");
  AddText(node, "ram:PersonName", contact->point);
  if (contact->telephone) {
    AddText(Add(node, "ram:TelephoneUniversalCommunication"), "ram:CompleteNumber",
            contact->telephone);
  }
  if (contact->email) {
    AddText(Add(node, "ram:EmailURIUniversalCommunication"), "ram:URIID", contact->email);
  }
}

void AddLegalOrganization(pugi::xml_node party, const std::optional<Identifier>& id,
                          const std::optional<std::string>& trading_name) {
  if (!id && !trading_name) return;
  pugi::xml_node node = Add(party, "ram:SpecifiedLegalOrganization");
  AddId(node, "ram:ID", id);
  AddText(node, "ram:TradingBusinessName", trading_name);
}

void AddElectronicAddress(pugi::xml_node party, const std::optional<Identifier>& address) {
  if (address) AddId(Add(party, "ram:URIUniversalCommunication"), "ram:URIID", address);
}

void AddTaxRegistration(pugi::xml_node party, const std::optional<std::string>& id,
                        const char* scheme) {
  if (!id) return;
  pugi::xml_node node = Add(Add(party, "ram:SpecifiedTaxRegistration"), "ram:ID");
  node.text().set(id->c_str());
  node.append_attribute("schemeID").set_value(scheme);
}

void AddSeller(pugi::xml_node agreement, const invoice::Seller& seller) {
  pugi::xml_node node = Add(agreement, "ram:SellerTradeParty");
  // The schema puts every ram:ID before the ram:GlobalIDs.
  for (const Identifier& id : seller.identifiers) {
    if (!id.scheme) AddId(node, "ram:ID", id);
  }
  for (const Identifier& id : seller.identifiers) {
    if (id.scheme) AddId(node, "ram:GlobalID", id);
  }
  AddText(node, "ram:Name", seller.name);
  AddText(node, "ram:Description", seller.legal_information);
  AddLegalOrganization(node, seller.legal_registration_id, seller.trading_name);
  AddContact(node, seller.contact);
  AddAddress(node, seller.address);
  AddElectronicAddress(node, seller.electronic_address);
  AddTaxRegistration(node, seller.tax_registration_id, "FC");
  AddTaxRegistration(node, seller.vat_id, "VA");
}

void AddBuyer(pugi::xml_node agreement, const invoice::Buyer& buyer) {
  pugi::xml_node node = Add(agreement, "ram:BuyerTradeParty");
  AddPartyId(node, buyer.identifier);
  AddText(node, "ram:Name", buyer.name);
  AddLegalOrganization(node, buyer.legal_registration_id, buyer.trading_name);
  AddContact(node, buyer.contact);
  AddAddress(node, buyer.address);
  AddElectronicAddress(node, buyer.electronic_address);
  AddTaxRegistration(node, buyer.vat_id, "VA");
}

void AddReferencedDocument(pugi::xml_node parent, const char* name,
                           const std::optional<std::string>& id) {
  if (id) AddText(Add(parent, name), "ram:IssuerAssignedID", id);
}

// BT-17 (TypeCode 50), BT-18 and BT-128 (130, with the scheme as ReferenceTypeCode).
void AddTypedDocument(pugi::xml_node parent, const std::optional<std::string>& id,
                      const char* type_code, const std::optional<std::string>& reference_type) {
  if (!id) return;
  pugi::xml_node node = Add(parent, "ram:AdditionalReferencedDocument");
  AddText(node, "ram:IssuerAssignedID", id);
  AddText(node, "ram:TypeCode", std::string(type_code));
  AddText(node, "ram:ReferenceTypeCode", reference_type);
}

void AddSupportingDocument(pugi::xml_node agreement, const invoice::SupportingDocument& document) {
  pugi::xml_node node = Add(agreement, "ram:AdditionalReferencedDocument");
  AddText(node, "ram:IssuerAssignedID", document.reference);
  AddText(node, "ram:URIID", document.external_location);
  AddText(node, "ram:TypeCode", document.type_code.value_or("916"));
  AddText(node, "ram:Name", document.description);
  if (document.attachment) {
    pugi::xml_node attachment = Add(node, "ram:AttachmentBinaryObject");
    attachment.text().set(document.attachment->c_str());
    SetAttribute(attachment, "mimeCode", document.attachment_mime);
    SetAttribute(attachment, "filename", document.attachment_filename);
  }
}

void AddPeriod(pugi::xml_node parent, const std::optional<invoice::Period>& period) {
  if (!period) return;
  pugi::xml_node node = Add(parent, "ram:BillingSpecifiedPeriod");
  AddDate(node, "ram:StartDateTime", period->start);
  AddDate(node, "ram:EndDateTime", period->end);
}

// An indicator read in another spelling than "true" / "false" is written "1" / "0", so that the
// artefact's string-compared rules skip it again (invoice::DocumentAllowanceCharge's
// indicator_literal).
void AddChargeIndicator(pugi::xml_node parent, bool is_charge, bool literal = true) {
  const char* text = literal ? (is_charge ? "true" : "false") : (is_charge ? "1" : "0");
  AddText(Add(parent, "ram:ChargeIndicator"), "udt:Indicator", std::string(text));
}

void AddTaxCategory(pugi::xml_node parent, const char* name,
                    const std::optional<std::string>& scheme,
                    const std::optional<std::string>& code,
                    const std::optional<DecimalText>& rate) {
  if (!scheme && !code && !rate) return;
  pugi::xml_node node = Add(parent, name);
  AddText(node, "ram:TypeCode", scheme.value_or("VAT"));
  AddText(node, "ram:CategoryCode", code);
  AddAmount(node, "ram:RateApplicablePercent", rate);
}

// ---- Lines ----------------------------------------------------------------------------------

void AddProduct(pugi::xml_node line, const invoice::Item& item) {
  pugi::xml_node node = Add(line, "ram:SpecifiedTradeProduct");
  AddId(node, "ram:GlobalID", item.standard_id);
  AddText(node, "ram:SellerAssignedID", item.seller_id);
  AddText(node, "ram:BuyerAssignedID", item.buyer_id);
  AddText(node, "ram:Name", item.name);
  AddText(node, "ram:Description", item.description);
  for (const invoice::ItemAttribute& attribute : item.attributes) {
    pugi::xml_node characteristic = Add(node, "ram:ApplicableProductCharacteristic");
    AddText(characteristic, "ram:Description", attribute.name);
    AddText(characteristic, "ram:Value", attribute.value);
  }
  for (const Identifier& classification : item.classification_ids) {
    AddId(Add(node, "ram:DesignatedProductClassification"), "ram:ClassCode", classification,
          "listID", "listVersionID");
  }
  if (item.origin_country) {
    AddText(Add(node, "ram:OriginTradeCountry"), "ram:ID", item.origin_country);
  }
}

void AddLineAgreement(pugi::xml_node line, const invoice::InvoiceLine& source) {
  pugi::xml_node node = Add(line, "ram:SpecifiedLineTradeAgreement");
  if (source.order_line_reference) {
    AddText(Add(node, "ram:BuyerOrderReferencedDocument"), "ram:LineID",
            source.order_line_reference);
  }
  if (!source.price) return;
  const invoice::PriceDetails& price = *source.price;
  bool gross = price.gross_price || price.discount;
  // A price with neither amount still has its net price element, so that BG-29 reads back.
  bool net = price.net_price || !gross;
  if (gross) {
    pugi::xml_node gross_node = Add(node, "ram:GrossPriceProductTradePrice");
    // ram:ChargeAmount is mandatory: a discount (BT-147) with no gross price (UBL allows it)
    // gets BT-148 = BT-146 + BT-147, the norm's own relation.
    std::optional<DecimalText> gross_price = price.gross_price;
    if (!gross_price && price.net_price && price.net_price->value && price.discount->value) {
      core::Decimal sum = *price.net_price->value + *price.discount->value;
      gross_price = DecimalText{sum.ToString(), sum, std::nullopt, invoice::kNoSource};
    }
    AddAmount(gross_node, "ram:ChargeAmount", gross_price);
    if (!net) {
      AddQuantity(gross_node, "ram:BasisQuantity", price.base_quantity, price.base_quantity_unit);
    }
    if (price.discount) {
      pugi::xml_node discount = Add(gross_node, "ram:AppliedTradeAllowanceCharge");
      AddChargeIndicator(discount, false);
      AddAmount(discount, "ram:ActualAmount", price.discount);
    }
  }
  if (net) {
    pugi::xml_node net_node = Add(node, "ram:NetPriceProductTradePrice");
    AddAmount(net_node, "ram:ChargeAmount", price.net_price);
    AddQuantity(net_node, "ram:BasisQuantity", price.base_quantity, price.base_quantity_unit);
  }
}

void AddLineSettlement(pugi::xml_node line, const invoice::InvoiceLine& source) {
  pugi::xml_node node = Add(line, "ram:SpecifiedLineTradeSettlement");
  if (source.item) {
    AddTaxCategory(node, "ram:ApplicableTradeTax", source.item->vat_tax_scheme,
                   source.item->vat_category_code, source.item->vat_rate);
  }
  AddPeriod(node, source.period);
  for (const invoice::LineAllowanceCharge& charge : source.allowances_charges) {
    pugi::xml_node charge_node = Add(node, "ram:SpecifiedTradeAllowanceCharge");
    AddChargeIndicator(charge_node, charge.is_charge, charge.indicator_literal);
    AddAmount(charge_node, "ram:CalculationPercent", charge.percentage);
    AddAmount(charge_node, "ram:BasisAmount", charge.base_amount);
    AddAmount(charge_node, "ram:ActualAmount", charge.amount);
    AddText(charge_node, "ram:ReasonCode", charge.reason_code);
    AddText(charge_node, "ram:Reason", charge.reason);
  }
  pugi::xml_node summation = Add(node, "ram:SpecifiedTradeSettlementLineMonetarySummation");
  AddAmount(summation, "ram:LineTotalAmount", source.net_amount);
  if (source.object_id) {
    AddTypedDocument(node, source.object_id->value, "130", source.object_id->scheme);
  }
  if (source.buyer_accounting_reference) {
    AddText(Add(node, "ram:ReceivableSpecifiedTradeAccountingAccount"), "ram:ID",
            source.buyer_accounting_reference);
  }
}

void AddLine(pugi::xml_node transaction, const invoice::InvoiceLine& source) {
  pugi::xml_node line = Add(transaction, "ram:IncludedSupplyChainTradeLineItem");
  pugi::xml_node document = Add(line, "ram:AssociatedDocumentLineDocument");
  AddText(document, "ram:LineID", source.id);
  if (source.note) AddText(Add(document, "ram:IncludedNote"), "ram:Content", source.note);
  if (source.item) AddProduct(line, *source.item);
  AddLineAgreement(line, source);
  pugi::xml_node delivery = Add(line, "ram:SpecifiedLineTradeDelivery");
  AddQuantity(delivery, "ram:BilledQuantity", source.quantity, source.quantity_unit);
  AddLineSettlement(line, source);
}

// ---- Header ---------------------------------------------------------------------------------

void AddAgreement(pugi::xml_node transaction, const invoice::SemanticInvoice& invoice) {
  pugi::xml_node node = Add(transaction, "ram:ApplicableHeaderTradeAgreement");
  AddText(node, "ram:BuyerReference", invoice.buyer_reference);
  if (invoice.seller) AddSeller(node, *invoice.seller);
  if (invoice.buyer) AddBuyer(node, *invoice.buyer);
  if (invoice.tax_representative) {
    const invoice::TaxRepresentative& representative = *invoice.tax_representative;
    pugi::xml_node party = Add(node, "ram:SellerTaxRepresentativeTradeParty");
    AddText(party, "ram:Name", representative.name);
    AddAddress(party, representative.address);
    AddTaxRegistration(party, representative.vat_id, "VA");
  }
  AddReferencedDocument(node, "ram:SellerOrderReferencedDocument", invoice.sales_order_reference);
  AddReferencedDocument(node, "ram:BuyerOrderReferencedDocument", invoice.purchase_order_reference);
  AddReferencedDocument(node, "ram:ContractReferencedDocument", invoice.contract_reference);
  // BT-17 and BT-18 first: the reader takes the first document of type 50 / 130 for them.
  AddTypedDocument(node, invoice.tender_or_lot_reference, "50", std::nullopt);
  if (invoice.invoiced_object_id) {
    AddTypedDocument(node, invoice.invoiced_object_id->value, "130",
                     invoice.invoiced_object_id->scheme);
  }
  for (const invoice::SupportingDocument& document : invoice.supporting_documents) {
    AddSupportingDocument(node, document);
  }
  if (invoice.project_reference) {
    pugi::xml_node project = Add(node, "ram:SpecifiedProcuringProject");
    AddText(project, "ram:ID", invoice.project_reference);
    // ram:Name is mandatory in the schema; EN 16931 has no term for it.
    AddText(project, "ram:Name", std::string("Project reference"));
  }
}

void AddDelivery(pugi::xml_node transaction, const invoice::SemanticInvoice& invoice) {
  pugi::xml_node node = Add(transaction, "ram:ApplicableHeaderTradeDelivery");
  if (invoice.delivery) {
    const invoice::Delivery& delivery = *invoice.delivery;
    // BG-13 reads back from ShipToTradeParty or the delivery event: a BG-13 with no date keeps
    // its (maybe empty) party.
    if (delivery.party_name || delivery.location_id || delivery.address ||
        !delivery.actual_delivery_date) {
      pugi::xml_node party = Add(node, "ram:ShipToTradeParty");
      AddPartyId(party, delivery.location_id);
      AddText(party, "ram:Name", delivery.party_name);
      AddAddress(party, delivery.address);
    }
    if (delivery.actual_delivery_date) {
      AddDate(Add(node, "ram:ActualDeliverySupplyChainEvent"), "ram:OccurrenceDateTime",
              delivery.actual_delivery_date);
    }
  }
  AddReferencedDocument(node, "ram:DespatchAdviceReferencedDocument",
                        invoice.despatch_advice_reference);
  AddReferencedDocument(node, "ram:ReceivingAdviceReferencedDocument",
                        invoice.receiving_advice_reference);
}

void AddPaymentMeans(pugi::xml_node settlement, const invoice::PaymentInstructions& means) {
  pugi::xml_node node = Add(settlement, "ram:SpecifiedTradeSettlementPaymentMeans");
  AddText(node, "ram:TypeCode", means.means_code);
  AddText(node, "ram:Information", means.means_text);
  if (means.card) {
    pugi::xml_node card = Add(node, "ram:ApplicableTradeSettlementFinancialCard");
    AddText(card, "ram:ID", means.card->primary_account_number);
    AddText(card, "ram:CardholderName", means.card->holder_name);
  }
  if (means.direct_debit && means.direct_debit->debited_account) {
    AddText(Add(node, "ram:PayerPartyDebtorFinancialAccount"), "ram:IBANID",
            means.direct_debit->debited_account);
  }
  std::optional<std::string> bic;
  for (const invoice::CreditTransfer& transfer : means.credit_transfers) {
    pugi::xml_node account = Add(node, "ram:PayeePartyCreditorFinancialAccount");
    AddText(account, "ram:IBANID", transfer.account_id);
    AddText(account, "ram:AccountName", transfer.account_name);
    if (!bic) bic = transfer.service_provider_id;
  }
  if (bic) {
    AddText(Add(node, "ram:PayeeSpecifiedCreditorFinancialInstitution"), "ram:BICID", bic);
  }
}

void AddVatBreakdown(pugi::xml_node settlement, const invoice::VatBreakdown& breakdown,
                     const invoice::SemanticInvoice& invoice, bool first) {
  pugi::xml_node node = Add(settlement, "ram:ApplicableTradeTax");
  AddAmount(node, "ram:CalculatedAmount", breakdown.tax_amount);
  AddText(node, "ram:TypeCode", breakdown.tax_scheme.value_or("VAT"));
  AddText(node, "ram:ExemptionReason", breakdown.exemption_reason);
  AddAmount(node, "ram:BasisAmount", breakdown.taxable_amount);
  AddText(node, "ram:CategoryCode", breakdown.category_code);
  AddText(node, "ram:ExemptionReasonCode", breakdown.exemption_reason_code);
  // BT-7 and BT-8 ride on the (first) VAT breakdown in CII; UBL carries BT-8 on the period.
  if (first) {
    AddDate(node, "ram:TaxPointDate", invoice.tax_point_date, "udt:DateString");
    std::optional<std::string> code = invoice.tax_point_date_code;
    if (!code && invoice.period) code = invoice.period->description_code;
    AddText(node, "ram:DueDateTypeCode", code);
  }
  AddAmount(node, "ram:RateApplicablePercent", breakdown.rate);
}

void AddTotals(pugi::xml_node settlement, const invoice::SemanticInvoice& invoice) {
  if (!invoice.totals) return;
  const invoice::DocumentTotals& totals = *invoice.totals;
  pugi::xml_node node = Add(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation");
  AddAmount(node, "ram:LineTotalAmount", totals.line_net_total);
  AddAmount(node, "ram:ChargeTotalAmount", totals.charge_total);
  AddAmount(node, "ram:AllowanceTotalAmount", totals.allowance_total);
  AddAmount(node, "ram:TaxBasisTotalAmount", totals.total_without_vat);
  // BT-110 and BT-111 are told apart by their currencies (BT-5, BT-6 when the amount has none).
  auto add_tax_total = [&](const std::optional<DecimalText>& amount,
                           const std::optional<std::string>& currency) {
    if (!amount) return;
    pugi::xml_node total = Add(node, "ram:TaxTotalAmount");
    total.text().set(amount->text.c_str());
    SetAttribute(total, "currencyID", amount->currency ? amount->currency : currency);
  };
  add_tax_total(totals.total_vat, invoice.currency);
  add_tax_total(totals.total_vat_accounting, invoice.vat_accounting_currency);
  AddAmount(node, "ram:RoundingAmount", totals.rounding_amount);
  AddAmount(node, "ram:GrandTotalAmount", totals.total_with_vat);
  AddAmount(node, "ram:TotalPrepaidAmount", totals.paid_amount);
  AddAmount(node, "ram:DuePayableAmount", totals.amount_due);
}

void AddSettlement(pugi::xml_node transaction, const invoice::SemanticInvoice& invoice) {
  pugi::xml_node node = Add(transaction, "ram:ApplicableHeaderTradeSettlement");
  // BT-83, BT-89 and BT-90 live outside the payment means in CII: the first of each.
  std::optional<std::string> remittance;
  std::optional<std::string> creditor;
  std::optional<std::string> mandate;
  for (const invoice::PaymentInstructions& means : invoice.payment_instructions) {
    if (!remittance) remittance = means.remittance_information;
    if (means.direct_debit) {
      if (!creditor) creditor = means.direct_debit->creditor_id;
      if (!mandate) mandate = means.direct_debit->mandate_reference;
    }
  }
  AddText(node, "ram:CreditorReferenceID", creditor);
  AddText(node, "ram:PaymentReference", remittance);
  AddText(node, "ram:TaxCurrencyCode", invoice.vat_accounting_currency);
  AddText(node, "ram:InvoiceCurrencyCode", invoice.currency);
  if (invoice.payee) {
    pugi::xml_node payee = Add(node, "ram:PayeeTradeParty");
    AddPartyId(payee, invoice.payee->identifier);
    AddText(payee, "ram:Name", invoice.payee->name);
    AddLegalOrganization(payee, invoice.payee->legal_registration_id, std::nullopt);
  }
  for (const invoice::PaymentInstructions& means : invoice.payment_instructions) {
    AddPaymentMeans(node, means);
  }
  for (size_t i = 0; i < invoice.vat_breakdown.size(); ++i) {
    AddVatBreakdown(node, invoice.vat_breakdown[i], invoice, i == 0);
  }
  AddPeriod(node, invoice.period);
  for (const invoice::DocumentAllowanceCharge& charge : invoice.allowances_charges) {
    pugi::xml_node charge_node = Add(node, "ram:SpecifiedTradeAllowanceCharge");
    AddChargeIndicator(charge_node, charge.is_charge, charge.indicator_literal);
    AddAmount(charge_node, "ram:CalculationPercent", charge.percentage);
    AddAmount(charge_node, "ram:BasisAmount", charge.base_amount);
    AddAmount(charge_node, "ram:ActualAmount", charge.amount);
    AddText(charge_node, "ram:ReasonCode", charge.reason_code);
    AddText(charge_node, "ram:Reason", charge.reason);
    AddTaxCategory(charge_node, "ram:CategoryTradeTax", charge.tax_scheme, charge.vat_category_code,
                   charge.vat_rate);
  }
  if (invoice.payment_terms || invoice.due_date || mandate) {
    pugi::xml_node terms = Add(node, "ram:SpecifiedTradePaymentTerms");
    AddText(terms, "ram:Description", invoice.payment_terms);
    AddDate(terms, "ram:DueDateDateTime", invoice.due_date);
    AddText(terms, "ram:DirectDebitMandateID", mandate);
  }
  AddTotals(node, invoice);
  for (const invoice::PrecedingInvoice& preceding : invoice.preceding_invoices) {
    pugi::xml_node document = Add(node, "ram:InvoiceReferencedDocument");
    AddText(document, "ram:IssuerAssignedID", preceding.number);
    AddDate(document, "ram:FormattedIssueDateTime", preceding.issue_date, "qdt:DateTimeString");
  }
  if (invoice.buyer_accounting_reference) {
    AddText(Add(node, "ram:ReceivableSpecifiedTradeAccountingAccount"), "ram:ID",
            invoice.buyer_accounting_reference);
  }
}

}  // namespace

std::string WriteCii(const invoice::SemanticInvoice& invoice) {
  pugi::xml_document document;
  pugi::xml_node declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("UTF-8");
  pugi::xml_node root = Add(document, "rsm:CrossIndustryInvoice");
  root.append_attribute("xmlns:rsm")
      .set_value("urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100");
  root.append_attribute("xmlns:qdt")
      .set_value("urn:un:unece:uncefact:data:standard:QualifiedDataType:100");
  root.append_attribute("xmlns:ram")
      .set_value(
          "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100");
  root.append_attribute("xmlns:udt")
      .set_value("urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100");

  pugi::xml_node context = Add(root, "rsm:ExchangedDocumentContext");
  if (invoice.business_process) {
    AddText(Add(context, "ram:BusinessProcessSpecifiedDocumentContextParameter"), "ram:ID",
            invoice.business_process);
  }
  if (invoice.specification_id) {
    AddText(Add(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID",
            invoice.specification_id);
  }

  pugi::xml_node exchanged = Add(root, "rsm:ExchangedDocument");
  AddText(exchanged, "ram:ID", invoice.number);
  AddText(exchanged, "ram:TypeCode", invoice.type_code);
  AddDate(exchanged, "ram:IssueDateTime", invoice.issue_date);
  for (const invoice::Note& note : invoice.notes) {
    pugi::xml_node node = Add(exchanged, "ram:IncludedNote");
    AddText(node, "ram:Content", note.text);
    AddText(node, "ram:SubjectCode", note.subject_code);
  }

  pugi::xml_node transaction = Add(root, "rsm:SupplyChainTradeTransaction");
  for (const invoice::InvoiceLine& line : invoice.lines) AddLine(transaction, line);
  AddAgreement(transaction, invoice);
  AddDelivery(transaction, invoice);
  AddSettlement(transaction, invoice);

  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace choral::formats
