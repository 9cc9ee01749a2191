// The EN 16931 corpus as the rule families' conformance tests walk it: expected.jsonl lists each
// file with the rules the official artefacts fired on it; every UBL and CII XML file is read with
// pugixml and the formats readers (ReadUbl / ReadCii, without the XSD and limits that
// formats::StructuredDocument adds) and handed over with those rules.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>

#include "invoice/semantic_invoice.h"
#include "rules/en16931_rules.h"

namespace choral::en16931_corpus {

struct CorpusFile {
  std::string file;  // relative to CorpusDir()
  rules::En16931Syntax syntax = rules::En16931Syntax::kUbl;
  invoice::SemanticInvoice model;
  // The rules the artefacts fired (fatal or warning), each with how many times.
  std::map<std::string, int> expected;
  // A unit-test fragment is compared only on the rules of its scope.
  bool fragment = false;
  std::set<std::string> scope;

  bool Compared(const std::string& rule) const { return !fragment || scope.contains(rule); }
};

// $CHORAL_EN16931_VERDICTS_DIR (another directory with an expected.jsonl of the same shape, e.g.
// the peer validator's verdicts on generated variants), else $CHORAL_CORPUS_DIR/en16931, else the
// build's CHORAL_CORPUS_DIR/en16931.
std::string CorpusDir();

// Calls `visit` on every UBL and CII file of CorpusDir()/expected.jsonl, in its order (the
// Factur-X PDFs are the PDF reader's). A file that is not XML is reported as a test failure and
// skipped. False when there is no expected.jsonl.
bool ForEachXmlFile(const std::function<void(const CorpusFile&)>& visit);

}  // namespace choral::en16931_corpus
