#!/usr/bin/env python3
"""Differential test of Choral's EN 16931 verdicts against the official CEN artefacts, on
invoices nobody has seen: mutants of the corpus' complete instances.

From a seed, derives N new invoices from the complete UBL and CII instances of
shared/corpus/en16931/expected.jsonl (and the XML inside its Factur-X PDFs, unless
--no-facturx) by the mistakes real senders make: an element deleted, emptied or repeated, an
amount off by a cent, with more decimals or negative, another VAT rate or category, a VAT
breakdown dropped or added, a currency / country / unit / scheme / type code changed to a valid
or an invalid one, dates swapped or malformed, a line removed, allowances and charges added,
another spelling of a boolean, a VAT accounting currency with its total. The mutants stay
well-formed XML. Then it runs the peer (the artefacts' schematron on SaxonJS,
shared/peers/en16931/) and Choral (tests/en16931_verdicts: parse, syntax rules, business rules;
or `choral validate --json` with --cli) over them and compares the rule ids each fires (fatal
and warning apart; XSD-* left out, as the peer does no schema validation). Mutants on which the
artefacts stop with an XPath dynamic error (an empty number, a repeated element cast as one)
have no verdict and are counted apart. It prints the agreement, the same figure for the
schema-valid mutants alone (the ones the official order lets reach the schematron), and the
disagreements grouped by rule id with the smallest example each; the mutants, manifest.jsonl
(what was done to each), disagreements.jsonl and the peer's cache stay in the scratch folder.
A cause once fixed gets a case in tests/en16931/differential_regressions_test.cc (a corpus
file, the edit, the artefacts' verdict).

A tool, not a CI test: the peer validates about 15 invoices/s (less on a busy machine), so
4,000 mutants take 5 to 8 min. Peer verdicts are cached by file content (WORK/peer-cache.jsonl):
rerunning the same seed and count after a fix costs only Choral's seconds.

Set up the peer once (shared/peers/en16931/README.md), in build/peer of this checkout (shared/
is the checkout's sibling):
  mkdir -p build/peer && cd build/peer && npm init -y >/dev/null &&
    npm install xslt3@2.7.0 saxon-js@2.7.0 &&
    gunzip -c ../../../shared/corpus/en16931/xslt/EN16931-UBL-validation.sef.json.gz > ubl.sef.json &&
    gunzip -c ../../../shared/corpus/en16931/xslt/EN16931-CII-validation.sef.json.gz > cii.sef.json &&
    cp ../../../shared/peers/en16931/peer-validate.mjs . && cd ../..
then build Choral's verdict printer and run:
  nice ninja -C build en16931_verdicts
  scripts/differential-en16931.py --seed 2 --count 4000 --work build/differential-s2
Options: --work DIR (scratch folder, default build/differential), --peer-dir DIR (default
build/peer), --choral BIN (default build/tests/en16931_verdicts), --cli build/src/cli/choral
(judge with the product's `choral validate --json` instead), --corpus DIR (default
../shared/corpus/en16931), --mutations K (at most K mutations per invoice, default 2), --xsd DIR
(schemas, default ../shared/corpus/fr-rfe; "" to skip the schema-valid figure), --only-peer
(fill the peer cache only), --only-choral (reuse cached peer verdicts, fail on a miss),
--no-facturx (UBL and CII files only), --examples N (examples per rule, default 1).
To replay one mutant: build/tests/en16931_verdicts WORK/mutants/m00042-ubl.xml, and copy it into
an empty folder D for: node build/peer/peer-validate.mjs --corpus D --sef-ubl
build/peer/ubl.sef.json --sef-cii build/peer/cii.sef.json --out D.jsonl
"""

import argparse
import collections
import copy
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

UBL_INV = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'
UBL_CN = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2'
CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2'
CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'
RSM = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100'
RAM = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100'
UDT = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100'

VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M']
BAD_VAT_CATEGORIES = ['X', 's', 'VAT', 'AA', ' S', '']
VAT_RATES = ['0', '0.00', '5.5', '7', '10', '19', '20', '21', '25', '-5', '20.000', '']
CURRENCIES = ['EUR', 'USD', 'GBP', 'SEK', 'DKK', 'CHF']
BAD_CURRENCIES = ['EURO', 'eur', 'XYZ', 'FRF', '']
COUNTRIES = ['FR', 'DE', 'GB', 'XI', 'EL', 'NL', 'SE', 'US']
BAD_COUNTRIES = ['UK', 'XX', 'fr', 'FRA', 'GR', '']
UNITS = ['C62', 'H87', 'KGM', 'XPP', 'HUR', 'DAY', 'EA', 'LTR']
BAD_UNITS = ['PCS', 'pcs', 'Stk', 'XX1', '']
SCHEMES = ['0088', '0002', '0009', '0060', '0184', '0204', '9930', 'EM', '0225']
BAD_SCHEMES = ['9999', 'GLN', 'XX', '88', '']
TYPE_CODES = ['380', '381', '384', '389', '751', '326', '383', '386', '875']
BAD_TYPE_CODES = ['999', 'INV', '1', '']
PAYMENT_MEANS = ['30', '31', '42', '48', '49', '57', '58', '59', 'ZZZ', '1', '97']
BAD_PAYMENT_MEANS = ['99', 'SEPA', '']
EXEMPTION_CODES = ['VATEX-EU-132', 'VATEX-EU-AE', 'VATEX-EU-IC', 'VATEX-EU-G', 'VATEX-EU-O',
                   'VATEX-EU-79-C', 'VATEX-FR-FRANCHISE', 'vatex-eu-ae', 'EXEMPT']
ALLOWANCE_REASONS = ['95', '100', '41', '104', '60']
CHARGE_REASONS = ['AA', 'ABL', 'FC', 'SAA', 'ZZZ']
BAD_REASONS = ['999', 'DISCOUNT', '']


# ----------------------------------------------------------------------------------------
# XML with its prefixes kept

def read_namespaces(path_or_bytes):
    import io
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    pairs = []
    for _, (prefix, uri) in ET.iterparse(src, events=['start-ns']):
        pairs.append((prefix, uri))
    return pairs


def serialize(root, namespaces):
    for prefix, uri in namespaces:
        try:
            ET.register_namespace(prefix, uri)
        except ValueError:
            pass  # ns0-style prefixes are ElementTree's own
    return ET.tostring(root, encoding='utf-8', xml_declaration=True)


def local(el):
    tag = el.tag
    return tag.rsplit('}', 1)[1] if '}' in tag else tag


def ns(el):
    return el.tag[1:].split('}', 1)[0] if el.tag.startswith('{') else ''


class Doc:
    """A parsed seed being mutated: the tree, its syntax and a parent map kept up to date."""

    def __init__(self, root, syntax):
        self.root = root
        self.syntax = syntax
        self.reparent()

    def reparent(self):
        self.parent = {c: p for p in self.root.iter() for c in p}

    def elements(self, pred=lambda e: True):
        return [e for e in self.root.iter() if e is not self.root and pred(e)]

    def named(self, *names):
        return self.elements(lambda e: local(e) in names)

    def path(self, el):
        parts = []
        while el is not None and el is not self.root:
            p = self.parent.get(el)
            name = local(el)
            if p is not None:
                same = [c for c in p if c.tag == el.tag]
                if len(same) > 1:
                    name += '[%d]' % (same.index(el) + 1)
            parts.append(name)
            el = p
        return '/' + '/'.join(reversed(parts))

    def remove(self, el):
        self.parent[el].remove(el)
        self.reparent()

    def insert_after(self, el, new):
        p = self.parent[el]
        p.insert(list(p).index(el) + 1, new)
        self.reparent()

    def is_leaf(self, el):
        return len(el) == 0


def el(tag_ns, name, text=None, **attrs):
    e = ET.Element('{%s}%s' % (tag_ns, name), {k: v for k, v in attrs.items()})
    if text is not None:
        e.text = text
    return e


def sub(parent, tag_ns, name, text=None, **attrs):
    e = el(tag_ns, name, text, **attrs)
    parent.append(e)
    return e


# ----------------------------------------------------------------------------------------
# Mutations: each takes (doc, rng), changes the tree and returns what it did, or None when it
# does not apply to this invoice.

NUMERIC = re.compile(r'^\s*-?\d+(\.\d+)?\s*$')


def m_delete(doc, rng):
    cands = doc.elements()
    if not cands:
        return None
    e = rng.choice(cands)
    what = 'delete %s' % doc.path(e)
    doc.remove(e)
    return what


def m_delete_leaf(doc, rng):
    # Leaves carry most business terms: deleting one is the commonest sender mistake.
    cands = doc.elements(doc.is_leaf)
    if not cands:
        return None
    e = rng.choice(cands)
    what = 'delete %s' % doc.path(e)
    doc.remove(e)
    return what


def m_empty(doc, rng):
    cands = doc.elements(lambda e: doc.is_leaf(e) and (e.text or '').strip())
    if not cands:
        return None
    e = rng.choice(cands)
    e.text = rng.choice(['', ' '])
    return 'empty %s' % doc.path(e)


def m_duplicate(doc, rng):
    cands = doc.elements()
    if not cands:
        return None
    e = rng.choice(cands)
    doc.insert_after(e, copy.deepcopy(e))
    return 'duplicate %s' % doc.path(e)


def fmt_decimal(value, decimals):
    return ('%.' + str(decimals) + 'f') % value


def m_amount(doc, rng):
    cands = doc.elements(lambda e: doc.is_leaf(e) and NUMERIC.match(e.text or '') and (
        local(e).endswith('Amount') or local(e) in (
            'Percent', 'BaseQuantity', 'InvoicedQuantity', 'CreditedQuantity', 'BilledQuantity',
            'BasisQuantity', 'MultiplierFactorNumeric', 'CalculationPercent',
            'RateApplicablePercent')))
    if not cands:
        return None
    e = rng.choice(cands)
    old = e.text.strip()
    v = float(old)
    decimals = len(old.split('.')[1]) if '.' in old else 0
    kind = rng.choice(['+cent', '-cent', 'decimals', 'negative', 'zero', 'times10', 'rounding',
                       'spaces', 'comma'])
    if kind == '+cent':
        new = fmt_decimal(v + 0.01, max(decimals, 2))
    elif kind == '-cent':
        new = fmt_decimal(v - 0.01, max(decimals, 2))
    elif kind == 'decimals':
        new = fmt_decimal(v, rng.choice([3, 4, 5])) if rng.random() < 0.5 else \
            fmt_decimal(v + rng.choice([0.001, 0.005, 0.0049, -0.005]), 4)
    elif kind == 'negative':
        new = ('-' + old) if not old.startswith('-') else old[1:]
    elif kind == 'zero':
        new = rng.choice(['0', '0.00', '-0.00'])
    elif kind == 'times10':
        new = fmt_decimal(v * 10, max(decimals, 2))
    elif kind == 'rounding':
        new = fmt_decimal(v + 0.005, 3)
    elif kind == 'spaces':
        new = ' %s ' % old
    else:
        new = old.replace('.', ',')
    if new == old:
        new = fmt_decimal(v + 0.01, max(decimals, 2))
    e.text = new
    return 'amount %s %s -> %s' % (doc.path(e), old, new)


def vat_category_codes(doc):
    if doc.syntax == 'ubl':
        return [e for e in doc.named('ID') if local(doc.parent[e]) in ('TaxCategory',
                                                                          'ClassifiedTaxCategory')]
    return doc.named('CategoryCode')


def vat_rates(doc):
    if doc.syntax == 'ubl':
        return [e for e in doc.named('Percent') if local(doc.parent[e]) in ('TaxCategory',
                                                                              'ClassifiedTaxCategory')]
    return doc.named('RateApplicablePercent')


def m_vat_rate(doc, rng):
    cands = vat_rates(doc)
    if not cands:
        return None
    new = rng.choice(VAT_RATES)
    if rng.random() < 0.3:  # the same change everywhere, as a sender's wrong configuration does
        old = cands[0].text
        for e in cands:
            if e.text == old:
                e.text = new
        return 'vat rate %s everywhere -> %s' % (old, new)
    e = rng.choice(cands)
    old, e.text = e.text, new
    return 'vat rate %s %s -> %s' % (doc.path(e), old, new)


def m_vat_category(doc, rng):
    cands = vat_category_codes(doc)
    if not cands:
        return None
    new = rng.choice(VAT_CATEGORIES) if rng.random() < 0.85 else rng.choice(BAD_VAT_CATEGORIES)
    if rng.random() < 0.35:
        old = cands[0].text
        for e in cands:
            if e.text == old:
                e.text = new
        return 'vat category %s everywhere -> %s' % (old, new)
    e = rng.choice(cands)
    old, e.text = e.text, new
    return 'vat category %s %s -> %s' % (doc.path(e), old, new)


def vat_breakdowns(doc):
    if doc.syntax == 'ubl':
        return doc.named('TaxSubtotal')
    return [e for e in doc.named('ApplicableTradeTax')
            if local(doc.parent[e]) == 'ApplicableHeaderTradeSettlement']


def m_drop_breakdown(doc, rng):
    cands = vat_breakdowns(doc)
    if not cands:
        return None
    e = rng.choice(cands)
    what = 'drop VAT breakdown %s' % doc.path(e)
    doc.remove(e)
    return what


def m_add_breakdown(doc, rng):
    cands = vat_breakdowns(doc)
    if not cands:
        return None
    e = rng.choice(cands)
    new = copy.deepcopy(e)
    cat = rng.choice(VAT_CATEGORIES)
    for c in new.iter():
        if doc.syntax == 'ubl' and local(c) == 'TaxCategory':
            for cc in c:
                if local(cc) == 'ID':
                    cc.text = cat
                if local(cc) == 'Percent':
                    cc.text = rng.choice(VAT_RATES[:-1])
        if doc.syntax == 'cii' and local(c) == 'CategoryCode':
            c.text = cat
        if doc.syntax == 'cii' and local(c) == 'RateApplicablePercent':
            c.text = rng.choice(VAT_RATES[:-1])
        if local(c) in ('TaxAmount', 'CalculatedAmount') and rng.random() < 0.5:
            c.text = '0.00'
    doc.insert_after(e, new)
    return 'add VAT breakdown %s after %s' % (cat, doc.path(e))


def m_exemption(doc, rng):
    cats = [e for e in doc.elements(lambda e: local(e) in ('TaxCategory', 'ApplicableTradeTax'))
            if doc.syntax == 'cii' or local(doc.parent[e]) == 'TaxSubtotal']
    if not cats:
        return None
    c = rng.choice(cats)
    have = [x for x in c if local(x) in ('TaxExemptionReason', 'TaxExemptionReasonCode',
                                           'ExemptionReason', 'ExemptionReasonCode')]
    if have and rng.random() < 0.5:
        x = rng.choice(have)
        what = 'delete %s' % doc.path(x)
        doc.remove(x)
        return what
    code = rng.random() < 0.5
    if doc.syntax == 'ubl':
        new = el(CBC, 'TaxExemptionReasonCode' if code else 'TaxExemptionReason',
                 rng.choice(EXEMPTION_CODES) if code else 'Exempt')
        # after Percent (or ID): before TaxScheme
        kids = list(c)
        at = next((i for i, k in enumerate(kids) if local(k) == 'TaxScheme'), len(kids))
        c.insert(at, new)
    else:
        new = el(RAM, 'ExemptionReasonCode' if code else 'ExemptionReason',
                 rng.choice(EXEMPTION_CODES) if code else 'Exempt')
        kids = list(c)
        want = 'BasisAmount' if not code else 'CategoryCode'
        at = next((i + 1 for i, k in enumerate(kids) if local(k) == want), len(kids))
        c.insert(at, new)
    doc.reparent()
    return 'add %s %s to %s' % (local(new), new.text, doc.path(c))


def recode(doc, rng, cands, good, bad, label, attr=None):
    if not cands:
        return None
    get = (lambda e: e.get(attr)) if attr else (lambda e: e.text)
    olds = {get(e) for e in cands}
    pick = [v for v in (good if rng.random() < 0.6 else bad) if v not in olds]
    if not pick:
        return None
    new = rng.choice(pick)

    def put(e, v):
        if attr:
            e.set(attr, v)
        else:
            e.text = v
    if rng.random() < 0.3:
        old = get(cands[0])
        for e in cands:
            if get(e) == old:
                put(e, new)
        return '%s %s everywhere -> %s' % (label, old, new)
    e = rng.choice(cands)
    old = get(e)
    put(e, new)
    return '%s %s%s %s -> %s' % (label, doc.path(e), '/@' + attr if attr else '', old, new)


def m_currency(doc, rng):
    if rng.random() < 0.5:
        cands = doc.named('DocumentCurrencyCode', 'TaxCurrencyCode', 'InvoiceCurrencyCode')
        return recode(doc, rng, cands, CURRENCIES, BAD_CURRENCIES, 'currency')
    cands = doc.elements(lambda e: e.get('currencyID') is not None)
    return recode(doc, rng, cands, CURRENCIES, BAD_CURRENCIES, 'currencyID', 'currencyID')


def m_country(doc, rng):
    cands = doc.named('IdentificationCode', 'CountryID', 'OriginCountry')
    if doc.syntax == 'ubl':
        cands = [e for e in cands if local(doc.parent[e]) == 'Country']
    return recode(doc, rng, cands, COUNTRIES, BAD_COUNTRIES, 'country')


def m_unit(doc, rng):
    cands = doc.elements(lambda e: e.get('unitCode') is not None)
    return recode(doc, rng, cands, UNITS, BAD_UNITS, 'unitCode', 'unitCode')


def m_scheme(doc, rng):
    r = rng.random()
    if r < 0.6:
        cands = doc.elements(lambda e: e.get('schemeID') is not None)
        return recode(doc, rng, cands, SCHEMES, BAD_SCHEMES, 'schemeID', 'schemeID')
    if r < 0.8:
        cands = doc.elements(lambda e: e.get('listID') is not None)
        return recode(doc, rng, cands, ['STI', 'CV', 'ZZZ', 'TST', 'HS'], ['XYZ', ''], 'listID',
                      'listID')
    # add a scheme where there is none
    cands = doc.named('EndpointID', 'GlobalID', 'CompanyID', 'URIID') + [
        e for e in doc.named('ID') if local(doc.parent[e]) in ('PartyIdentification',
                                                                  'SpecifiedLegalOrganization')]
    cands = [e for e in cands if e.get('schemeID') is None]
    if not cands:
        return None
    e = rng.choice(cands)
    v = rng.choice(SCHEMES + BAD_SCHEMES)
    e.set('schemeID', v)
    return 'schemeID %s/@schemeID added %s' % (doc.path(e), v)


def m_type_code(doc, rng):
    if doc.syntax == 'ubl':
        cands = doc.named('InvoiceTypeCode', 'CreditNoteTypeCode')
    else:
        cands = [e for e in doc.named('TypeCode') if local(doc.parent[e]) == 'ExchangedDocument']
    return recode(doc, rng, cands, TYPE_CODES, BAD_TYPE_CODES, 'type code')


def m_payment_means(doc, rng):
    cands = doc.named('PaymentMeansCode') if doc.syntax == 'ubl' else [
        e for e in doc.named('TypeCode')
        if local(doc.parent[e]) == 'SpecifiedTradeSettlementPaymentMeans']
    return recode(doc, rng, cands, PAYMENT_MEANS, BAD_PAYMENT_MEANS, 'payment means')


def m_reason_code(doc, rng):
    cands = doc.named('AllowanceChargeReasonCode', 'ReasonCode')
    return recode(doc, rng, cands, ALLOWANCE_REASONS + CHARGE_REASONS, BAD_REASONS, 'reason code')


def date_elements(doc):
    if doc.syntax == 'ubl':
        return doc.named('IssueDate', 'DueDate', 'TaxPointDate', 'StartDate', 'EndDate',
                         'ActualDeliveryDate', 'PaymentDueDate')
    return doc.named('DateTimeString', 'DateString')


def m_dates(doc, rng):
    cands = date_elements(doc)
    if not cands:
        return None
    kind = rng.choice(['swap', 'swap', 'invalid', 'format'])
    if kind == 'swap' and len(cands) >= 2:
        a, b = rng.sample(cands, 2)
        a.text, b.text = b.text, a.text
        return 'swap dates %s <-> %s' % (doc.path(a), doc.path(b))
    e = rng.choice(cands)
    old = e.text
    if kind == 'format' and doc.syntax == 'cii' and e.get('format') is not None:
        new = rng.choice(['610', '616', '203', 'XXX'])
        e.set('format', new)
        return 'date format %s %s -> %s' % (doc.path(e), old, new)
    if doc.syntax == 'ubl':
        new = rng.choice(['2021-02-30', '2021-13-01', '20210101', '2021-01-01T10:00:00',
                          '2021-1-1', '01/02/2021', '2021-01-01Z', '2021-01-01+02:00'])
    else:
        new = rng.choice(['20210230', '20211301', '2021-01-01', '210101', '202101', '20210101 '])
    e.text = new
    return 'date %s %s -> %s' % (doc.path(e), old, new)


def lines(doc):
    if doc.syntax == 'ubl':
        return doc.named('InvoiceLine', 'CreditNoteLine')
    return doc.named('IncludedSupplyChainTradeLineItem')


def m_remove_line(doc, rng):
    cands = lines(doc)
    if not cands:
        return None
    e = rng.choice(cands)
    what = 'remove line %s' % doc.path(e)
    doc.remove(e)
    return what


def m_add_allowance_charge(doc, rng):
    charge = rng.random() < 0.5
    cat = rng.choice(VAT_CATEGORIES) if rng.random() < 0.3 else None
    existing = vat_category_codes(doc)
    if cat is None:
        cat = existing[0].text if existing else 'S'
    rate = rng.choice(['0', '5.5', '10', '20', '21', '25'])
    rates = vat_rates(doc)
    if rates and rng.random() < 0.7:
        rate = rates[0].text or rate
    amount = rng.choice(['1.00', '10.00', '0.01', '12.345', '-5.00', '100'])
    reason_code = rng.choice((CHARGE_REASONS if charge else ALLOWANCE_REASONS) + [None, None] +
                             BAD_REASONS[:1])
    with_percent = rng.random() < 0.3
    on_line = rng.random() < 0.35 and lines(doc)
    if doc.syntax == 'ubl':
        currency = (doc.named('DocumentCurrencyCode') or [None])[0]
        cur = currency.text if currency is not None else 'EUR'
        ac = el(CAC, 'AllowanceCharge')
        sub(ac, CBC, 'ChargeIndicator', 'true' if charge else 'false')
        if reason_code is not None:
            sub(ac, CBC, 'AllowanceChargeReasonCode', reason_code)
        if rng.random() < 0.7:
            sub(ac, CBC, 'AllowanceChargeReason', 'Freight' if charge else 'Discount')
        if with_percent:
            sub(ac, CBC, 'MultiplierFactorNumeric', '10')
        sub(ac, CBC, 'Amount', amount, currencyID=cur)
        if with_percent:
            sub(ac, CBC, 'BaseAmount', '10.00', currencyID=cur)
        if on_line:
            line = rng.choice(on_line)
            kids = list(line)
            at = next((i for i, k in enumerate(kids) if local(k) in ('TaxTotal', 'Item')),
                      len(kids))
            line.insert(at, ac)
            doc.reparent()
            return 'add line %s %s %s to %s' % ('charge' if charge else 'allowance', amount,
                                                reason_code, doc.path(line))
        tc = sub(ac, CAC, 'TaxCategory')
        sub(tc, CBC, 'ID', cat)
        if cat not in ('O',) or rng.random() < 0.3:
            sub(tc, CBC, 'Percent', rate)
        ts = sub(tc, CAC, 'TaxScheme')
        sub(ts, CBC, 'ID', 'VAT')
        root = doc.root
        kids = list(root)
        at = next((i for i, k in enumerate(kids) if local(k) in (
            'TaxExchangeRate', 'TaxTotal', 'WithholdingTaxTotal', 'LegalMonetaryTotal')),
                  len(kids))
        root.insert(at, ac)
        doc.reparent()
        return 'add document %s %s %s %s/%s' % ('charge' if charge else 'allowance', amount,
                                               reason_code, cat, rate)
    ac = el(RAM, 'SpecifiedTradeAllowanceCharge')
    ind = sub(ac, RAM, 'ChargeIndicator')
    sub(ind, UDT, 'Indicator', 'true' if charge else 'false')
    if with_percent:
        sub(ac, RAM, 'CalculationPercent', '10')
        sub(ac, RAM, 'BasisAmount', '10.00')
    sub(ac, RAM, 'ActualAmount', amount)
    if reason_code is not None:
        sub(ac, RAM, 'ReasonCode', reason_code)
    if rng.random() < 0.7:
        sub(ac, RAM, 'Reason', 'Freight' if charge else 'Discount')
    if on_line:
        line = rng.choice(on_line)
        settle = [c for c in line if local(c) == 'SpecifiedLineTradeSettlement']
        if not settle:
            return None
        s = settle[0]
        kids = list(s)
        at = next((i for i, k in enumerate(kids) if local(k) in (
            'SpecifiedTradeSettlementLineMonetarySummation',)), len(kids))
        s.insert(at, ac)
        doc.reparent()
        return 'add line %s %s %s to %s' % ('charge' if charge else 'allowance', amount,
                                            reason_code, doc.path(line))
    tt = sub(ac, RAM, 'CategoryTradeTax')
    sub(tt, RAM, 'TypeCode', 'VAT')
    sub(tt, RAM, 'CategoryCode', cat)
    if cat not in ('O',) or rng.random() < 0.3:
        sub(tt, RAM, 'RateApplicablePercent', rate)
    settle = doc.named('ApplicableHeaderTradeSettlement')
    if not settle:
        return None
    s = settle[0]
    kids = list(s)
    at = next((i for i, k in enumerate(kids) if local(k) in (
        'SpecifiedLogisticsServiceCharge', 'SpecifiedTradePaymentTerms',
        'SpecifiedTradeSettlementHeaderMonetarySummation')), len(kids))
    s.insert(at, ac)
    doc.reparent()
    return 'add document %s %s %s %s/%s' % ('charge' if charge else 'allowance', amount,
                                           reason_code, cat, rate)


def m_whitespace(doc, rng):
    cands = doc.elements(lambda e: doc.is_leaf(e) and (e.text or '').strip())
    if not cands:
        return None
    e = rng.choice(cands)
    old = e.text
    e.text = rng.choice([' %s', '%s ', '\n  %s\n', '\t%s']) % old.strip()
    return 'whitespace %s' % doc.path(e)


def m_tax_scheme(doc, rng):
    cands = [e for e in doc.named('ID') if local(doc.parent[e]) == 'TaxScheme'] \
        if doc.syntax == 'ubl' else [e for e in doc.named('TypeCode')
                                     if local(doc.parent[e]) in ('ApplicableTradeTax',
                                                                 'CategoryTradeTax')]
    return recode(doc, rng, cands, ['VAT'], ['GST', 'TAX', 'vat', ''], 'tax scheme')


def m_indicator(doc, rng):
    # xs:boolean has four spellings and senders use them all; CII's artefact compares some
    # contexts as strings ('true'), others as booleans (true()).
    cands = doc.named('ChargeIndicator', 'Indicator') if doc.syntax == 'ubl' else doc.named(
        'Indicator')
    cands = [e for e in cands if doc.is_leaf(e)]
    return recode(doc, rng, cands, ['true', 'false', '1', '0', ' true ', 'false '],
                  ['TRUE', 'yes'], 'indicator')


def m_tax_currency(doc, rng):
    # BT-6 with its VAT total in that currency (BT-111), or a stray second VAT total.
    cur = rng.choice(CURRENCIES + BAD_CURRENCIES[:2])
    amount = rng.choice(['10.00', '0.00', '123.45', '-5.00'])
    if doc.syntax == 'ubl':
        doc_cur = doc.named('DocumentCurrencyCode')
        totals = [e for e in doc.named('TaxTotal') if doc.parent[e] is doc.root]
        if not doc_cur or not totals:
            return None
        if rng.random() < 0.7 and not doc.named('TaxCurrencyCode'):
            doc.insert_after(doc_cur[0], el(CBC, 'TaxCurrencyCode', cur))
        tt = el(CAC, 'TaxTotal')
        sub(tt, CBC, 'TaxAmount', amount, currencyID=cur)
        doc.insert_after(totals[-1], tt)
        return 'add VAT total %s %s' % (amount, cur)
    settle = doc.named('ApplicableHeaderTradeSettlement')
    inv_cur = doc.named('InvoiceCurrencyCode')
    sums = doc.named('SpecifiedTradeSettlementHeaderMonetarySummation')
    if not settle or not inv_cur or not sums:
        return None
    if rng.random() < 0.7 and not doc.named('TaxCurrencyCode'):
        p = doc.parent[inv_cur[0]]
        p.insert(list(p).index(inv_cur[0]), el(RAM, 'TaxCurrencyCode', cur))
    s = sums[0]
    kids = list(s)
    at = next((i + 1 for i, k in reversed(list(enumerate(kids)))
               if local(k) in ('TaxTotalAmount', 'TaxBasisTotalAmount')), len(kids))
    s.insert(at, el(RAM, 'TaxTotalAmount', amount, currencyID=cur))
    doc.reparent()
    return 'add VAT total %s %s' % (amount, cur)


MUTATIONS = [
    (m_delete_leaf, 8), (m_delete, 4), (m_empty, 5), (m_duplicate, 4), (m_amount, 10),
    (m_vat_rate, 6), (m_vat_category, 8), (m_drop_breakdown, 4), (m_add_breakdown, 4),
    (m_exemption, 3), (m_currency, 4), (m_country, 3), (m_unit, 2), (m_scheme, 3),
    (m_type_code, 2), (m_payment_means, 2), (m_reason_code, 2), (m_dates, 4),
    (m_remove_line, 3), (m_add_allowance_charge, 6), (m_whitespace, 2), (m_tax_scheme, 2),
    (m_indicator, 3), (m_tax_currency, 3),
]


def mutate(doc, rng, max_mutations):
    done = []
    want = rng.choice([1, 1, 1, 2, 2, 3][:max(1, min(6, max_mutations * 2))]) \
        if max_mutations > 1 else 1
    want = min(want, max_mutations)
    tries = 0
    while len(done) < want and tries < 20:
        tries += 1
        fn = rng.choices([m for m, _ in MUTATIONS], [w for _, w in MUTATIONS])[0]
        what = fn(doc, rng)
        if what:
            done.append(what)
    return done


# ----------------------------------------------------------------------------------------
# Seeds, the peer, Choral

def seeds(corpus, work, with_facturx):
    out = []
    for line in open(os.path.join(corpus, 'expected.jsonl')):
        e = json.loads(line)
        if e.get('kind') != 'instance':
            continue
        path = os.path.join(corpus, e['file'])
        if e['syntax'] in ('ubl', 'cii'):
            out.append((e['file'], open(path, 'rb').read()))
        elif e['syntax'] == 'facturx' and with_facturx:
            xml = extract_facturx(path, os.path.join(work, 'facturx-xml'))
            if xml:
                out.append((e['file'], xml))
    return out


def extract_facturx(pdf, folder):
    os.makedirs(folder, exist_ok=True)
    dst = os.path.join(folder, hashlib.sha1(pdf.encode()).hexdigest()[:16] + '.xml')
    if os.path.exists(dst):
        return open(dst, 'rb').read() or None
    listing = subprocess.run(['pdfdetach', '-list', pdf], capture_output=True, text=True).stdout
    names = re.findall(r'^\s*(\d+):\s*(.*)$', listing, re.M)
    pick = None
    for want in ('factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'):
        pick = next((n for n in names if n[1].strip().lower() == want), None)
        if pick:
            break
    if pick:
        subprocess.run(['pdfdetach', '-save', pick[0], '-o', dst, pdf], capture_output=True)
    if not os.path.exists(dst):
        open(dst, 'wb').close()
        return None
    return open(dst, 'rb').read()


def syntax_of(root):
    n = ns(root)
    if n in (UBL_INV, UBL_CN):
        return 'ubl'
    if n == RSM:
        return 'cii'
    return None


def make_mutants(args, work):
    rng = random.Random(args.seed)
    pool = []
    for name, data in seeds(args.corpus, work, not args.no_facturx):
        try:
            root = ET.fromstring(data)
        except ET.ParseError:
            continue
        syntax = syntax_of(root)
        if syntax:
            pool.append((name, data, syntax, read_namespaces(data)))
    pool.sort(key=lambda p: p[0])
    folder = os.path.join(work, 'mutants')
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    manifest = {}
    for i in range(args.count):
        name, data, syntax, namespaces = rng.choice(pool)
        doc = Doc(ET.fromstring(data), syntax)
        done = mutate(doc, rng, args.mutations)
        out = serialize(doc.root, namespaces)
        fname = 'm%05d-%s.xml' % (i + 1, syntax)
        with open(os.path.join(folder, fname), 'wb') as f:
            f.write(out)
        manifest[fname] = {'seed_file': name, 'syntax': syntax, 'mutations': done,
                           'bytes': len(out)}
    with open(os.path.join(work, 'manifest.jsonl'), 'w') as f:
        for k, v in manifest.items():
            f.write(json.dumps(dict(file=k, **v)) + '\n')
    print('%d mutants from %d seeds in %s' % (len(manifest), len(pool), folder), file=sys.stderr)
    return manifest


def digest(path):
    return hashlib.sha1(open(path, 'rb').read()).hexdigest()


def run_peer(args, work, files):
    cache_path = os.path.join(work, 'peer-cache.jsonl')
    cache = {}
    if os.path.exists(cache_path):
        for line in open(cache_path):
            r = json.loads(line)
            cache[r['sha1']] = r
    mutants = os.path.join(work, 'mutants')
    hashes = {f: digest(os.path.join(mutants, f)) for f in files}
    missing = sorted({h: f for f, h in hashes.items() if h not in cache}.items())
    if missing:
        if args.only_choral:
            sys.exit('%d mutants have no cached peer verdict' % len(missing))
        pending = os.path.join(work, 'pending')
        shutil.rmtree(pending, ignore_errors=True)
        os.makedirs(pending)
        for h, f in missing:
            shutil.copy(os.path.join(mutants, f), os.path.join(pending, h + '.xml'))
        out = os.path.join(work, 'peer-pending.jsonl')
        peer = args.peer_dir
        print('peer: %d mutants (about %d s)' % (len(missing), len(missing) / 14),
              file=sys.stderr)
        subprocess.run(['node', os.path.join(peer, 'peer-validate.mjs'), '--corpus', pending,
                        '--sef-ubl', os.path.join(peer, 'ubl.sef.json'), '--sef-cii',
                        os.path.join(peer, 'cii.sef.json'), '--out', out], check=True,
                       stderr=subprocess.DEVNULL if not args.verbose else None)
        with open(cache_path, 'a') as c:
            for line in open(out):
                r = json.loads(line)
                rec = {'sha1': r['file'][:-4], 'fatal': r.get('fatal', []),
                       'warning': r.get('warning', []), 'counts': r.get('counts', {})}
                if 'error' in r:
                    rec['error'] = r['error']
                cache[rec['sha1']] = rec
                c.write(json.dumps(rec) + '\n')
        shutil.rmtree(pending)
    return {f: cache[h] for f, h in hashes.items()}


def run_choral_cli(args, work, files):
    """`choral validate --json` over the mutants, in batches: the product's own pipeline."""
    mutants = os.path.join(work, 'mutants')
    verdicts = {}
    for start in range(0, len(files), 400):
        batch = [os.path.join(mutants, f) for f in files[start:start + 400]]
        command = [args.cli, 'validate', '--json'] + (['--schemas', args.xsd] if args.xsd else [])
        out = subprocess.run(command + batch, capture_output=True, text=True)
        for line in out.stdout.splitlines():
            r = json.loads(line)
            name = os.path.basename(r['file'])
            if 'findings' not in r:
                verdicts[name] = {'fatal': ['CHORAL-READ-ERROR'], 'warning': [],
                                  'error': r.get('error', line)}
                continue
            fatal = sorted({f['rule'] for f in r['findings'] if f['flag'] == 'fatal'})
            warning = sorted({f['rule'] for f in r['findings'] if f['flag'] == 'warning'})
            verdicts[name] = {'fatal': fatal, 'warning': warning}
            if args.xsd:
                verdicts[name]['schema_valid'] = not any(
                    f['rule'].startswith('XSD-') for f in r['findings'])
    for name in files:
        verdicts.setdefault(name, {'fatal': ['CHORAL-READ-ERROR'], 'warning': [],
                                   'error': 'no line from choral validate'})
    return verdicts


def run_choral(args, work, files):
    if args.cli:
        return run_choral_cli(args, work, files)
    mutants = os.path.join(work, 'mutants')
    listing = os.path.join(work, 'choral-list.txt')
    with open(listing, 'w') as f:
        for name in files:
            f.write(os.path.join(mutants, name) + '\n')
    command = [args.choral, '@' + listing]
    if args.xsd:
        command[1:1] = ['--xsd', args.xsd]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    verdicts = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        name = os.path.basename(r['file'])
        if 'error' in r:
            r['fatal'], r['warning'] = ['CHORAL-READ-ERROR'], []
        verdicts[name] = r
    return verdicts


def rule_set(verdict):
    keep = lambda ids: {i for i in ids if not i.startswith('XSD-')}
    return keep(verdict.get('fatal', [])), keep(verdict.get('warning', []))


def compare(args, work, manifest, peer, choral):
    by_rule = collections.defaultdict(lambda: {'peer_only': [], 'choral_only': [],
                                               'flag': []})
    agree = 0
    records = []
    aborted = []
    for name in sorted(manifest):
        if 'error' in peer[name] or 'XML-PARSE-ERROR' in peer[name].get('fatal', []):
            # The artefacts stop on an XPath dynamic error (an empty or malformed number or date
            # cast, a repeated element where the schema allows one): no verdict to compare with.
            aborted.append(name)
            continue
        manifest[name]['schema_valid'] = choral[name].get('schema_valid')
        pf, pw = rule_set(peer[name])
        cf, cw = rule_set(choral[name])
        if (pf, pw) == (cf, cw):
            agree += 1
            continue
        rec = {'file': name, **manifest[name], 'peer_only': sorted((pf | pw) - (cf | cw)),
               'choral_only': sorted((cf | cw) - (pf | pw)),
               'flag_differs': sorted(((pf & cw) | (pw & cf)))}
        if 'error' in choral[name]:
            rec['choral_error'] = choral[name]['error']
        records.append(rec)
        for rule in rec['peer_only']:
            by_rule[rule]['peer_only'].append(rec)
        for rule in rec['choral_only']:
            by_rule[rule]['choral_only'].append(rec)
        for rule in rec['flag_differs']:
            by_rule[rule]['flag'].append(rec)
    with open(os.path.join(work, 'disagreements.jsonl'), 'w') as f:
        for rec in records:
            f.write(json.dumps(rec) + '\n')
    compared = [n for n in manifest if n not in set(aborted)]
    total = len(compared)
    by_syntax = collections.Counter(manifest[n]['syntax'] for n in compared)
    bad_syntax = collections.Counter(r['syntax'] for r in records)
    print('\n%d mutants; the artefacts abort on %d (XPath dynamic error, no verdict), left out'
          % (len(manifest), len(aborted)))
    print('agreement: %d/%d mutants = %.2f%% (%s)' % (
        agree, total, 100.0 * agree / max(total, 1),
        ', '.join('%s %d/%d' % (s, by_syntax[s] - bad_syntax[s], by_syntax[s])
                  for s in sorted(by_syntax))))
    if args.xsd:
        valid = [n for n in compared if manifest[n].get('schema_valid')]
        bad_valid = sum(1 for r in records if r.get('schema_valid'))
        print('  schema-valid mutants (what the official order lets reach the schematron): '
              '%d/%d = %.2f%%' % (len(valid) - bad_valid, len(valid),
                                 100.0 * (len(valid) - bad_valid) / max(len(valid), 1)))
    if not by_rule:
        return agree == total
    print('disagreements by rule (peer-only: the artefacts fire it, Choral does not):')
    for rule in sorted(by_rule, key=lambda r: -sum(len(v) for v in by_rule[r].values())):
        for side in ('peer_only', 'choral_only', 'flag'):
            recs = by_rule[rule][side]
            if not recs:
                continue
            # Schema-valid, single-mutation, small examples first: the easiest to reproduce.
            recs = sorted(recs, key=lambda r: (not r.get('schema_valid', True),
                                               len(r['mutations']), r['bytes']))
            valid = sum(1 for r in recs if r.get('schema_valid'))
            print('  %-14s %-11s %4d%s  e.g. %s' % (
                rule, side, len(recs), ' (%d schema-valid)' % valid if args.xsd else '', '; '.join(
                '%s (%s: %s)' % (r['file'], r['seed_file'], ' + '.join(r['mutations']))
                for r in recs[:args.examples])))
    print('mutants and verdicts in %s (disagreements.jsonl, manifest.jsonl)' % work)
    return False


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--count', type=int, default=1000)
    p.add_argument('--mutations', type=int, default=2)
    p.add_argument('--work', default=os.path.join(ROOT, 'build', 'differential'))
    p.add_argument('--peer-dir', default=os.path.join(ROOT, 'build', 'peer'))
    p.add_argument('--choral', default=os.path.join(ROOT, 'build', 'tests', 'en16931_verdicts'))
    p.add_argument('--cli', default=None,
                   help="the choral binary: judge with `choral validate --json` instead")
    p.add_argument('--corpus', default=os.path.join(ROOT, '..', 'shared', 'corpus', 'en16931'))
    p.add_argument('--no-facturx', action='store_true')
    p.add_argument('--only-choral', action='store_true')
    p.add_argument('--only-peer', action='store_true', help='fill the peer cache, compare nothing')
    p.add_argument('--examples', type=int, default=1)
    p.add_argument('--xsd', default=os.path.join(ROOT, '..', 'shared', 'corpus', 'fr-rfe'),
                   help='schema folder: tells schema-valid mutants apart ("" to skip)')
    p.add_argument('--verbose', action='store_true')
    args = p.parse_args()
    os.makedirs(args.work, exist_ok=True)
    manifest = make_mutants(args, args.work)
    files = sorted(manifest)
    if args.only_peer:
        run_peer(args, args.work, files)
        return
    choral = run_choral(args, args.work, files)
    peer = run_peer(args, args.work, files)
    sys.exit(0 if compare(args, args.work, manifest, peer, choral) else 1)


if __name__ == '__main__':
    main()
