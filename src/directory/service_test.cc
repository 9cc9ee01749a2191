#include "directory/service.h"

#include <string>

#include <gtest/gtest.h>

namespace choral::directory {
namespace {

core::Date D(int y, int m, int d) { return core::Date::FromYmd(y, m, d).value(); }

Service Accounting() {
  Service s;
  s.id = core::ServiceId(3);
  s.structure_id = core::StructureId(7);
  s.code = "SERV-COMPTA_01/A.B";
  s.name = "Service comptabilité";
  return s;
}

std::string ErrorOf(const Service& s) {
  const core::Status status = ValidateService(s);
  if (status.has_value()) return "valid";
  EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidArgument);
  return status.error().message;
}

TEST(ServiceTest, AcceptsInvoicesWhenActiveAndInsideItsDates) {
  Service s = Accounting();
  EXPECT_TRUE(s.AcceptsInvoicesOn(D(2026, 11, 26)));  // open-ended both sides
  s.valid_from = D(2026, 1, 1);
  s.valid_to = D(2026, 12, 31);
  EXPECT_TRUE(s.AcceptsInvoicesOn(D(2026, 1, 1)));    // first day included
  EXPECT_TRUE(s.AcceptsInvoicesOn(D(2026, 12, 31)));  // last day included
  EXPECT_FALSE(s.AcceptsInvoicesOn(D(2025, 12, 31)));
  EXPECT_FALSE(s.AcceptsInvoicesOn(D(2027, 1, 1)));
  s.active = false;
  EXPECT_FALSE(s.AcceptsInvoicesOn(D(2026, 6, 1)));
}

TEST(ServiceTest, OneSidedValidity) {
  Service s = Accounting();
  s.valid_to = D(2026, 6, 30);
  EXPECT_TRUE(s.AcceptsInvoicesOn(D(1990, 1, 1)));
  EXPECT_FALSE(s.AcceptsInvoicesOn(D(2026, 7, 1)));
  s.valid_to.reset();
  s.valid_from = D(2026, 6, 30);
  EXPECT_FALSE(s.AcceptsInvoicesOn(D(2026, 6, 29)));
  EXPECT_TRUE(s.AcceptsInvoicesOn(D(2099, 1, 1)));
}

TEST(ValidateServiceTest, AcceptsAWellFormedService) { EXPECT_EQ(ErrorOf(Accounting()), "valid"); }

TEST(ValidateServiceTest, CodeRules) {
  Service s = Accounting();
  s.code = "";
  EXPECT_EQ(ErrorOf(s), "service code must not be empty");
  s.code = std::string(100, 'A');
  EXPECT_EQ(ErrorOf(s), "valid");
  s.code = std::string(101, 'A');
  EXPECT_EQ(ErrorOf(s),
            "service code \"" + std::string(60, 'A') + "...\" must have at most 100 characters");
  s.code = "SERV COMPTA";
  EXPECT_EQ(ErrorOf(s),
            "service code \"SERV COMPTA\" may contain only letters, digits and - _ / .");
  s.code = "SERVIC\xC3\x89";  // É
  EXPECT_NE(ErrorOf(s), "valid");
}

TEST(ValidateServiceTest, NameRules) {
  Service s = Accounting();
  s.name = " ";
  EXPECT_EQ(ErrorOf(s), "service \"SERV-COMPTA_01/A.B\": name must not be empty");
  s.name = std::string(201, 'n');
  EXPECT_NE(ErrorOf(s).find("must have at most 200 characters"), std::string::npos);
}

TEST(ValidateServiceTest, ValidityDatesInOrder) {
  Service s = Accounting();
  s.valid_from = D(2026, 12, 1);
  s.valid_to = D(2026, 1, 1);
  EXPECT_EQ(ErrorOf(s),
            "service \"SERV-COMPTA_01/A.B\": valid_from 2026-12-01 is after valid_to 2026-01-01");
  s.valid_to = D(2026, 12, 1);  // a one-day service
  EXPECT_EQ(ErrorOf(s), "valid");
}

}  // namespace
}  // namespace choral::directory
