#include "pdf/image_coverage.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <set>
#include <string>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace choral::pdf {
namespace {

// An affine matrix [a b c d e f] as in PDF (ISO 32000-1 8.3.3).
using Matrix = std::array<double, 6>;
constexpr Matrix kIdentity{1, 0, 0, 1, 0, 0};

// m1 × m2: first m1, then m2 (PDF's row-vector convention).
Matrix Multiply(const Matrix& m1, const Matrix& m2) {
  return {m1[0] * m2[0] + m1[1] * m2[2],         m1[0] * m2[1] + m1[1] * m2[3],
          m1[2] * m2[0] + m1[3] * m2[2],         m1[2] * m2[1] + m1[3] * m2[3],
          m1[4] * m2[0] + m1[5] * m2[2] + m2[4], m1[4] * m2[1] + m1[5] * m2[3] + m2[5]};
}

// A coarse grid over the page: a cell counts as covered when its centre lies inside an image's
// bounding box. Exact union areas are not worth it: scans cover ~100%, native pages a few %.
constexpr int kGrid = 48;

// Content streams nest through form XObjects; hostile files nest deeply or in cycles.
constexpr int kMaxFormDepth = 8;
// A page painting more than this many images is not a scan page worth measuring precisely.
constexpr int kMaxImages = 10000;

class CoverageCallbacks : public QPDFObjectHandle::ParserCallbacks {
 public:
  CoverageCallbacks(double x0, double y0, double x1, double y1, QPDFObjectHandle resources,
                    std::vector<char>* cells, std::set<QPDFObjGen>* active_forms, int depth,
                    Matrix base, int* images)
      : x0_(x0),
        y0_(y0),
        x1_(x1),
        y1_(y1),
        resources_(resources),
        cells_(cells),
        active_forms_(active_forms),
        depth_(depth),
        ctm_(base),
        images_(images) {}

  void handleObject(QPDFObjectHandle object) override {
    if (!object.isOperator()) {
      // Operands of the next operator; a few suffice for every operator we read.
      if (operands_.size() < 8) operands_.push_back(object);
      return;
    }
    std::string op = object.getOperatorValue();
    if (op == "q") {
      if (stack_.size() < 256) stack_.push_back(ctm_);
    } else if (op == "Q") {
      if (!stack_.empty()) {
        ctm_ = stack_.back();
        stack_.pop_back();
      }
    } else if (op == "cm" && operands_.size() == 6) {
      Matrix m;
      bool ok = true;
      for (int i = 0; i < 6; ++i) ok = ok && operands_[i].getValueAsNumber(m[i]);
      if (ok) ctm_ = Multiply(m, ctm_);
    } else if (op == "Do" && operands_.size() == 1 && operands_[0].isName()) {
      Paint(operands_[0].getName());
    } else if (op == "EI") {
      Mark(ctm_);  // an inline image fills the unit square, like an image XObject
    }
    operands_.clear();
  }

  void handleEOF() override {}

 private:
  void Paint(const std::string& name) {
    if (!resources_.isDictionary()) return;
    QPDFObjectHandle xobjects = resources_.getKey("/XObject");
    if (!xobjects.isDictionary()) return;
    QPDFObjectHandle xobject = xobjects.getKey(name);
    if (!xobject.isStream()) return;
    QPDFObjectHandle dict = xobject.getDict();
    QPDFObjectHandle subtype = dict.getKey("/Subtype");
    if (!subtype.isName()) return;
    if (subtype.getName() == "/Image") {
      Mark(ctm_);
    } else if (subtype.getName() == "/Form" && depth_ < kMaxFormDepth) {
      QPDFObjGen id = xobject.getObjGen();
      if (active_forms_->count(id) != 0) return;  // a cycle
      Matrix form_matrix = kIdentity;
      QPDFObjectHandle matrix = dict.getKey("/Matrix");
      if (matrix.isArray() && matrix.getArrayNItems() == 6) {
        for (int i = 0; i < 6; ++i) {
          if (!matrix.getArrayItem(i).getValueAsNumber(form_matrix[i])) form_matrix = kIdentity;
        }
      }
      QPDFObjectHandle form_resources = dict.getKey("/Resources");
      if (!form_resources.isDictionary()) form_resources = resources_;
      active_forms_->insert(id);
      CoverageCallbacks inner(x0_, y0_, x1_, y1_, form_resources, cells_, active_forms_, depth_ + 1,
                              Multiply(form_matrix, ctm_), images_);
      try {
        xobject.parseAsContents(&inner);
      } catch (const std::exception&) {
        // A broken form: what it painted before the break still counts.
      }
      active_forms_->erase(id);
    }
  }

  // Marks the grid cells under the bounding box of the unit square mapped by `m`.
  void Mark(const Matrix& m) {
    if (++*images_ > kMaxImages) return;
    double xs[4] = {m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]};
    double ys[4] = {m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]};
    double bx0 = *std::min_element(xs, xs + 4), bx1 = *std::max_element(xs, xs + 4);
    double by0 = *std::min_element(ys, ys + 4), by1 = *std::max_element(ys, ys + 4);
    double w = x1_ - x0_, h = y1_ - y0_;
    if (!(w > 0 && h > 0) || !std::isfinite(bx0 + bx1 + by0 + by1)) return;
    for (int row = 0; row < kGrid; ++row) {
      double cy = y0_ + (row + 0.5) * h / kGrid;
      if (cy < by0 || cy > by1) continue;
      for (int col = 0; col < kGrid; ++col) {
        double cx = x0_ + (col + 0.5) * w / kGrid;
        if (cx >= bx0 && cx <= bx1) (*cells_)[row * kGrid + col] = 1;
      }
    }
  }

  double x0_, y0_, x1_, y1_;
  QPDFObjectHandle resources_;
  std::vector<char>* cells_;
  std::set<QPDFObjGen>* active_forms_;
  int depth_;
  Matrix ctm_;
  int* images_;
  std::vector<Matrix> stack_;
  std::vector<QPDFObjectHandle> operands_;
};

double PageCoverage(QPDFPageObjectHelper& page) {
  double x0 = 0, y0 = 0, x1 = 612, y1 = 792;  // US Letter when the box is unreadable
  QPDFObjectHandle box = page.getCropBox();
  if (box.isRectangle()) {
    QPDFObjectHandle::Rectangle r = box.getArrayAsRectangle();
    x0 = std::min(r.llx, r.urx);
    x1 = std::max(r.llx, r.urx);
    y0 = std::min(r.lly, r.ury);
    y1 = std::max(r.lly, r.ury);
  }
  std::vector<char> cells(kGrid * kGrid, 0);
  std::set<QPDFObjGen> active_forms;
  int images = 0;
  CoverageCallbacks callbacks(x0, y0, x1, y1, page.getAttribute("/Resources", false), &cells,
                              &active_forms, 0, kIdentity, &images);
  try {
    page.parseContents(&callbacks);
  } catch (const std::exception&) {
    // Keep what was painted before the content stream broke.
  }
  return static_cast<double>(std::count(cells.begin(), cells.end(), 1)) / (kGrid * kGrid);
}

}  // namespace

std::vector<double> ImageCoverage(std::string_view pdf_bytes, int max_pages) {
  std::vector<double> coverage;
  try {
    QPDF qpdf;
    qpdf.setSuppressWarnings(true);
    qpdf.processMemoryFile("upload", pdf_bytes.data(), pdf_bytes.size());
    std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(qpdf).getAllPages();
    for (auto& page : pages) {
      if (static_cast<int>(coverage.size()) >= max_pages) break;
      coverage.push_back(PageCoverage(page));
    }
  } catch (const std::exception&) {
    // qpdf refuses files poppler may still read; the caller treats "no figure" as 0.
  }
  return coverage;
}

}  // namespace choral::pdf
