// SemanticInvoice: the EN 16931-1 semantic model of an invoice, whatever syntax carried it
// (UBL 2.1, UN/CEFACT CII). Every business term (BT-n) and business group (BG-n) of the norm has a
// field here, commented with its id. The EN 16931 rules (rules/en16931_*.h) run over this model;
// the readers and writers of `formats` map it to and from XML.
//
// Presence is kept as the document had it: an absent term is std::nullopt, a term present but
// empty is an empty string (the official rules tell the two apart: exists() vs normalize-space()).
// Text is kept as written (not trimmed); amounts and quantities keep their lexical form next to
// their exact value, because some rules are about how a number is written (BR-DEC-*).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/decimal.h"

namespace choral::invoice {

// Where a group or term came from in its source document: the byte offset of its XML element, so
// a finding can name the element's XPath and line (formats::Locate). -1 when built in memory.
using SourceOffset = int32_t;
inline constexpr SourceOffset kNoSource = -1;

// An xs:decimal as written ("1250.00"), its exact value (none when the text is not a decimal the
// model can hold: not xs:decimal, or more than core::Decimal::kMaxScale decimals) and, for an
// amount, its currency (the currencyID attribute in UBL; CII amounts carry none except BT-110/111).
struct DecimalText {
  std::string text;
  std::optional<core::Decimal> value;
  std::optional<std::string> currency;
  SourceOffset source = kNoSource;

  friend bool operator==(const DecimalText&, const DecimalText&) = default;
};

// A date as written, and its value when the text is a valid date of the syntax's format
// (UBL: YYYY-MM-DD; CII: format 102 YYYYMMDD, the format attribute kept in `format`).
struct DateText {
  std::string text;
  std::optional<core::Date> value;
  std::optional<std::string> format;  // CII's @format ("102"); none in UBL
  SourceOffset source = kNoSource;

  friend bool operator==(const DateText&, const DateText&) = default;
};

// A coded value as written, for the code-list rules whose artefact context is an element
// wherever it stands (see SemanticInvoice::codes_as_written).
struct CodeAsWritten {
  std::string rule;   // "BR-CL-14"
  std::string value;  // the element's text, or the attribute the rule reads (@unitCode)
  SourceOffset source = kNoSource;

  friend bool operator==(const CodeAsWritten&, const CodeAsWritten&) = default;
};

// An identifier with its optional scheme (ISO 6523 ICD, EAS, UNTDID 7143...).
struct Identifier {
  std::string value;
  std::optional<std::string> scheme;          // @schemeID
  std::optional<std::string> scheme_version;  // @schemeVersionID (BT-158's version)
  SourceOffset source = kNoSource;

  friend bool operator==(const Identifier&, const Identifier&) = default;
};

// The UNTDID 1001 document type codes EN 16931 allows, grouped as the norm groups them.
enum class DocumentKind {
  kInvoice,
  kCreditNote,
  kCorrectedInvoice,
  kSelfBilledInvoice,
  kPrepaymentInvoice,
  kOther
};
// The kind of a BT-3 code: 380/389/393/... -> kInvoice family, 381/261/262/296/308/396/420/458/532
// -> kCreditNote, 384 -> kCorrectedInvoice, 389 -> kSelfBilledInvoice, 386 -> kPrepaymentInvoice;
// kOther when the code is not one the norm's code list (BR-CL-01) accepts.
DocumentKind DocumentKindOf(std::string_view type_code);

// BG-5, BG-8, BG-12, BG-15: a postal address.
struct PostalAddress {
  std::optional<std::string> line1;        // BT-35 / BT-50 / BT-64 / BT-75
  std::optional<std::string> line2;        // BT-36 / BT-51 / BT-65 / BT-76
  std::optional<std::string> line3;        // BT-162 / BT-163 / BT-164 / BT-165
  std::optional<std::string> city;         // BT-37 / BT-52 / BT-66 / BT-77
  std::optional<std::string> post_code;    // BT-38 / BT-53 / BT-67 / BT-78
  std::optional<std::string> subdivision;  // BT-39 / BT-54 / BT-68 / BT-79
  std::optional<std::string> country;      // BT-40 / BT-55 / BT-69 / BT-80 (ISO 3166-1 alpha-2)
  SourceOffset source = kNoSource;

  friend bool operator==(const PostalAddress&, const PostalAddress&) = default;
};

// BG-6, BG-9: a contact.
struct Contact {
  std::optional<std::string> point;      // BT-41 / BT-56
  std::optional<std::string> telephone;  // BT-42 / BT-57
  std::optional<std::string> email;      // BT-43 / BT-58
  SourceOffset source = kNoSource;

  friend bool operator==(const Contact&, const Contact&) = default;
};

// BG-4 Seller.
struct Seller {
  std::optional<std::string> name;                  // BT-27
  std::optional<std::string> trading_name;          // BT-28
  std::vector<Identifier> identifiers;              // BT-29 (+ scheme BT-29-1), repeatable
  std::optional<Identifier> legal_registration_id;  // BT-30 (+ scheme BT-30-1)
  std::optional<std::string> vat_id;                // BT-31
  std::optional<std::string> tax_registration_id;   // BT-32
  std::optional<std::string> legal_information;     // BT-33
  std::optional<Identifier> electronic_address;     // BT-34 (+ scheme BT-34-1)
  std::optional<PostalAddress> address;             // BG-5
  std::optional<Contact> contact;                   // BG-6
  SourceOffset source = kNoSource;

  friend bool operator==(const Seller&, const Seller&) = default;
};

// BG-7 Buyer.
struct Buyer {
  std::optional<std::string> name;                  // BT-44
  std::optional<std::string> trading_name;          // BT-45
  std::optional<Identifier> identifier;             // BT-46 (+ scheme BT-46-1)
  std::optional<Identifier> legal_registration_id;  // BT-47 (+ scheme BT-47-1)
  std::optional<std::string> vat_id;                // BT-48
  std::optional<Identifier> electronic_address;     // BT-49 (+ scheme BT-49-1)
  std::optional<PostalAddress> address;             // BG-8
  std::optional<Contact> contact;                   // BG-9
  SourceOffset source = kNoSource;

  friend bool operator==(const Buyer&, const Buyer&) = default;
};

// BG-10 Payee.
struct Payee {
  std::optional<std::string> name;                  // BT-59
  std::optional<Identifier> identifier;             // BT-60 (+ scheme BT-60-1)
  std::optional<Identifier> legal_registration_id;  // BT-61 (+ scheme BT-61-1)
  SourceOffset source = kNoSource;

  friend bool operator==(const Payee&, const Payee&) = default;
};

// BG-11 Seller tax representative party.
struct TaxRepresentative {
  std::optional<std::string> name;       // BT-62
  std::optional<std::string> vat_id;     // BT-63
  std::optional<PostalAddress> address;  // BG-12
  SourceOffset source = kNoSource;

  friend bool operator==(const TaxRepresentative&, const TaxRepresentative&) = default;
};

// BG-14 / BG-26: an invoicing period.
struct Period {
  std::optional<DateText> start;                // BT-73 / BT-134
  std::optional<DateText> end;                  // BT-74 / BT-135
  std::optional<std::string> description_code;  // BT-8 when carried on the period (CII/UBL)
  SourceOffset source = kNoSource;

  friend bool operator==(const Period&, const Period&) = default;
};

// BG-13 Delivery information.
struct Delivery {
  std::optional<std::string> party_name;         // BT-70
  std::optional<Identifier> location_id;         // BT-71 (+ scheme BT-71-1)
  std::optional<DateText> actual_delivery_date;  // BT-72
  std::optional<PostalAddress> address;          // BG-15
  SourceOffset source = kNoSource;

  friend bool operator==(const Delivery&, const Delivery&) = default;
};

// BG-17 Credit transfer.
struct CreditTransfer {
  std::optional<std::string> account_id;           // BT-84 (IBAN or other)
  std::optional<std::string> account_name;         // BT-85
  std::optional<std::string> service_provider_id;  // BT-86 (BIC)
  SourceOffset source = kNoSource;

  friend bool operator==(const CreditTransfer&, const CreditTransfer&) = default;
};

// BG-18 Payment card information.
struct PaymentCard {
  std::optional<std::string> primary_account_number;  // BT-87
  std::optional<std::string> holder_name;             // BT-88
  SourceOffset source = kNoSource;

  friend bool operator==(const PaymentCard&, const PaymentCard&) = default;
};

// BG-19 Direct debit.
struct DirectDebit {
  std::optional<std::string> mandate_reference;  // BT-89
  std::optional<std::string> creditor_id;        // BT-90 (bank assigned creditor identifier)
  std::optional<std::string> debited_account;    // BT-91
  SourceOffset source = kNoSource;

  friend bool operator==(const DirectDebit&, const DirectDebit&) = default;
};

// BG-16 Payment instructions.
struct PaymentInstructions {
  std::optional<std::string> means_code;              // BT-81 (UNTDID 4461)
  std::optional<std::string> means_text;              // BT-82
  std::optional<std::string> remittance_information;  // BT-83
  std::vector<CreditTransfer> credit_transfers;       // BG-17
  std::optional<PaymentCard> card;                    // BG-18
  std::optional<DirectDebit> direct_debit;            // BG-19
  SourceOffset source = kNoSource;

  friend bool operator==(const PaymentInstructions&, const PaymentInstructions&) = default;
};

// BG-20 Document level allowance (is_charge false) / BG-21 document level charge (true).
struct DocumentAllowanceCharge {
  bool is_charge = false;
  // CII only: udt:Indicator reads exactly "true" or "false". The CII artefact picks the
  // allowances and charges of BR-31..44, BR-CO-21..24 and BR-DEC-01..06/24..28 by comparing the
  // indicator as a string, those of the sums and VAT rules as an xs:boolean: "1" or " true " is a
  // charge to the latter only.
  bool indicator_literal = true;
  std::optional<DecimalText> amount;             // BT-92 / BT-99
  std::optional<DecimalText> base_amount;        // BT-93 / BT-100
  std::optional<DecimalText> percentage;         // BT-94 / BT-101
  std::optional<std::string> vat_category_code;  // BT-95 / BT-102 (UNTDID 5305)
  std::optional<std::string> tax_scheme;   // "VAT" as written (UBL TaxScheme/ID, CII TypeCode)
  std::optional<DecimalText> vat_rate;     // BT-96 / BT-103
  std::optional<std::string> reason;       // BT-97 / BT-104
  std::optional<std::string> reason_code;  // BT-98 / BT-105 (UNTDID 5189 / 7161)
  SourceOffset source = kNoSource;

  friend bool operator==(const DocumentAllowanceCharge&, const DocumentAllowanceCharge&) = default;
};

// BG-22 Document totals.
struct DocumentTotals {
  std::optional<DecimalText> line_net_total;        // BT-106
  std::optional<DecimalText> allowance_total;       // BT-107
  std::optional<DecimalText> charge_total;          // BT-108
  std::optional<DecimalText> total_without_vat;     // BT-109
  std::optional<DecimalText> total_vat;             // BT-110 (in BT-5's currency)
  std::optional<DecimalText> total_vat_accounting;  // BT-111 (in BT-6's currency)
  std::optional<DecimalText> total_with_vat;        // BT-112
  std::optional<DecimalText> paid_amount;           // BT-113
  std::optional<DecimalText> rounding_amount;       // BT-114
  std::optional<DecimalText> amount_due;            // BT-115
  // UBL keeps BT-110/BT-111 in cac:TaxTotal and the other totals in cac:LegalMonetaryTotal: false
  // when a UBL document has only the former (the official rules BR-12..BR-15, BR-CO-10..13/16 have
  // the latter's element as context). Always true in CII, where one element holds them all.
  bool summation_present = true;
  // Every VAT total element as written (UBL TaxTotal/TaxAmount, CII TaxTotalAmount), in document
  // order, BT-110 and BT-111 among them: a document may repeat one, and the official rules count
  // them (BR-CO-14, BR-CO-15, BR-DEC-13, BR-DEC-15). Empty when a reader does not fill it; the
  // rules then count BT-110 and BT-111.
  std::vector<DecimalText> vat_totals_as_written;
  SourceOffset source = kNoSource;

  friend bool operator==(const DocumentTotals&, const DocumentTotals&) = default;
};

// BG-23 VAT breakdown.
struct VatBreakdown {
  std::optional<DecimalText> taxable_amount;    // BT-116
  std::optional<DecimalText> tax_amount;        // BT-117
  std::optional<std::string> category_code;     // BT-118 (UNTDID 5305)
  std::optional<std::string> tax_scheme;        // "VAT" as written (UBL TaxScheme/ID, CII TypeCode)
  std::optional<DecimalText> rate;              // BT-119
  std::optional<std::string> exemption_reason;  // BT-120
  std::optional<std::string> exemption_reason_code;  // BT-121 (VATEX)
  SourceOffset source = kNoSource;

  friend bool operator==(const VatBreakdown&, const VatBreakdown&) = default;
};

// BG-24 Additional supporting documents.
struct SupportingDocument {
  std::optional<std::string> reference;            // BT-122
  std::optional<std::string> description;          // BT-123
  std::optional<std::string> external_location;    // BT-124 (URI)
  std::optional<std::string> attachment;           // BT-125, the base64 text as written
  std::optional<std::string> attachment_mime;      // BT-125-1
  std::optional<std::string> attachment_filename;  // BT-125-2
  // UBL's cbc:DocumentTypeCode. The references that carry BT-18 (code 130) and, in a UBL credit
  // note, BT-11 (code 50) are read into the invoice, not here.
  std::optional<std::string> type_code;
  SourceOffset source = kNoSource;

  friend bool operator==(const SupportingDocument&, const SupportingDocument&) = default;
};

// BG-27 Invoice line allowance (is_charge false) / BG-28 invoice line charge (true).
struct LineAllowanceCharge {
  bool is_charge = false;
  // CII only: udt:Indicator reads exactly "true" or "false". The CII artefact picks the
  // allowances and charges of BR-31..44, BR-CO-21..24 and BR-DEC-01..06/24..28 by comparing the
  // indicator as a string, those of the sums and VAT rules as an xs:boolean: "1" or " true " is a
  // charge to the latter only.
  bool indicator_literal = true;
  std::optional<DecimalText> amount;       // BT-136 / BT-141
  std::optional<DecimalText> base_amount;  // BT-137 / BT-142
  std::optional<DecimalText> percentage;   // BT-138 / BT-143
  std::optional<std::string> reason;       // BT-139 / BT-144
  std::optional<std::string> reason_code;  // BT-140 / BT-145
  SourceOffset source = kNoSource;

  friend bool operator==(const LineAllowanceCharge&, const LineAllowanceCharge&) = default;
};

// BG-29 Price details.
struct PriceDetails {
  std::optional<DecimalText> net_price;           // BT-146
  std::optional<DecimalText> discount;            // BT-147
  std::optional<DecimalText> gross_price;         // BT-148
  std::optional<DecimalText> base_quantity;       // BT-149
  std::optional<std::string> base_quantity_unit;  // BT-150 (UN/ECE Rec 20/21)
  SourceOffset source = kNoSource;

  friend bool operator==(const PriceDetails&, const PriceDetails&) = default;
};

// BG-32 Item attributes.
struct ItemAttribute {
  std::optional<std::string> name;   // BT-160
  std::optional<std::string> value;  // BT-161
  SourceOffset source = kNoSource;

  friend bool operator==(const ItemAttribute&, const ItemAttribute&) = default;
};

// BG-31 Item information (with BG-30 line VAT information, which both syntaxes nest here).
struct Item {
  std::optional<std::string> name;               // BT-153
  std::optional<std::string> description;        // BT-154
  std::optional<std::string> seller_id;          // BT-155
  std::optional<std::string> buyer_id;           // BT-156
  std::optional<Identifier> standard_id;         // BT-157 (+ scheme BT-157-1)
  std::vector<Identifier> classification_ids;    // BT-158 (+ scheme BT-158-1, version BT-158-2)
  std::optional<std::string> origin_country;     // BT-159
  std::vector<ItemAttribute> attributes;         // BG-32
  std::optional<std::string> vat_category_code;  // BT-151 (BG-30)
  std::optional<DecimalText> vat_rate;           // BT-152 (BG-30)
  std::optional<std::string> vat_tax_scheme;     // BG-30 scheme (UBL TaxScheme/ID, CII TypeCode)
  SourceOffset vat_source = kNoSource;           // where BG-30 is
  SourceOffset source = kNoSource;

  friend bool operator==(const Item&, const Item&) = default;
};

// BG-25 Invoice line.
struct InvoiceLine {
  std::optional<std::string> id;                          // BT-126
  std::optional<std::string> note;                        // BT-127
  std::optional<Identifier> object_id;                    // BT-128 (+ scheme BT-128-1)
  std::optional<DecimalText> quantity;                    // BT-129
  std::optional<std::string> quantity_unit;               // BT-130
  std::optional<DecimalText> net_amount;                  // BT-131
  std::optional<std::string> order_line_reference;        // BT-132
  std::optional<std::string> buyer_accounting_reference;  // BT-133
  std::optional<Period> period;                           // BG-26
  std::vector<LineAllowanceCharge> allowances_charges;    // BG-27, BG-28
  std::optional<PriceDetails> price;                      // BG-29
  std::optional<Item> item;                               // BG-31 (and BG-30)
  SourceOffset source = kNoSource;

  friend bool operator==(const InvoiceLine&, const InvoiceLine&) = default;
};

// BG-1 Invoice note.
struct Note {
  std::optional<std::string> subject_code;  // BT-21 (UNTDID 4451)
  std::string text;                         // BT-22
  SourceOffset source = kNoSource;

  friend bool operator==(const Note&, const Note&) = default;
};

// BG-3 Preceding invoice reference.
struct PrecedingInvoice {
  std::optional<std::string> number;   // BT-25
  std::optional<DateText> issue_date;  // BT-26
  SourceOffset source = kNoSource;

  friend bool operator==(const PrecedingInvoice&, const PrecedingInvoice&) = default;
};

// The invoice (the norm's "INVOICE" root, BT-1..BT-165 through its groups).
struct SemanticInvoice {
  std::optional<std::string> number;                   // BT-1
  std::optional<DateText> issue_date;                  // BT-2
  std::optional<std::string> type_code;                // BT-3 (UNTDID 1001)
  std::optional<std::string> currency;                 // BT-5 (ISO 4217)
  std::optional<std::string> vat_accounting_currency;  // BT-6
  std::optional<DateText> tax_point_date;              // BT-7
  std::optional<std::string> tax_point_date_code;      // BT-8 (UNTDID 2005)
  std::optional<DateText> due_date;                    // BT-9
  std::optional<std::string> buyer_reference;          // BT-10 (French public sector: service code)
  std::optional<std::string> project_reference;        // BT-11
  std::optional<std::string> contract_reference;       // BT-12
  std::optional<std::string> purchase_order_reference;      // BT-13 (engagement number)
  std::optional<std::string> sales_order_reference;         // BT-14
  std::optional<std::string> receiving_advice_reference;    // BT-15
  std::optional<std::string> despatch_advice_reference;     // BT-16
  std::optional<std::string> tender_or_lot_reference;       // BT-17
  std::optional<Identifier> invoiced_object_id;             // BT-18 (+ scheme BT-18-1)
  std::optional<std::string> buyer_accounting_reference;    // BT-19
  std::optional<std::string> payment_terms;                 // BT-20
  std::vector<Note> notes;                                  // BG-1
  std::optional<std::string> business_process;              // BT-23 (BG-2)
  std::optional<std::string> specification_id;              // BT-24 (BG-2): the CIUS / profile URN
  std::vector<PrecedingInvoice> preceding_invoices;         // BG-3
  std::optional<Seller> seller;                             // BG-4
  std::optional<Buyer> buyer;                               // BG-7
  std::optional<Payee> payee;                               // BG-10
  std::optional<TaxRepresentative> tax_representative;      // BG-11
  std::optional<Delivery> delivery;                         // BG-13
  std::optional<Period> period;                             // BG-14
  std::vector<PaymentInstructions> payment_instructions;    // BG-16 (UBL may repeat PaymentMeans)
  std::vector<DocumentAllowanceCharge> allowances_charges;  // BG-20, BG-21
  std::optional<DocumentTotals> totals;                     // BG-22
  std::vector<VatBreakdown> vat_breakdown;                  // BG-23
  std::vector<SupportingDocument> supporting_documents;     // BG-24
  std::vector<InvoiceLine> lines;                           // BG-25
  // Every element of the document in the context of BR-CL-06 (CII ram:DueDateTypeCode, UBL
  // cac:InvoicePeriod/cbc:DescriptionCode), BR-CL-14 (ram:CountryID, cac:Country/
  // cbc:IdentificationCode), BR-CL-22 (ram:ExemptionReasonCode, cbc:TaxExemptionReasonCode) and
  // BR-CL-23 (the quantities' @unitCode), business term or not: the artefact checks each where
  // it stands (a line tax's exemption code, a gross price's base quantity, an EXTENDED party's
  // country, a second breakdown's BT-8...). Empty when a reader does not fill it; the rules then
  // check the model's fields.
  std::vector<CodeAsWritten> codes_as_written;
  // UBL only: the root is a CreditNote (BT-3 is cbc:CreditNoteTypeCode, the lines are
  // cac:CreditNoteLine); the artefact's rules tell Invoice and CreditNote apart (BR-CL-01,
  // BR-S-08).
  bool ubl_credit_note = false;
  SourceOffset source = kNoSource;  // the root element

  friend bool operator==(const SemanticInvoice&, const SemanticInvoice&) = default;
};

// Strict xs:decimal lexical form: optional sign, digits, optional '.' and digits, no exponent,
// no blanks other than leading/trailing XML whitespace. None when the text is not one, or when it
// has more decimals or digits than core::Decimal holds.
std::optional<core::Decimal> ParseXsDecimal(std::string_view text);

}  // namespace choral::invoice
