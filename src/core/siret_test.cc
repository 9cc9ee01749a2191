#include "core/siret.h"

#include <string>

#include <gtest/gtest.h>

namespace choral::core {
namespace {

// Checksums computed independently of this code (see LuhnTest for the Luhn side).
constexpr const char* kAppleFrance = "73282932000074";        // Luhn-valid
constexpr const char* kLaPosteHeadOffice = "35600000000048";  // Luhn-valid; digit sum 26
constexpr const char* kLaPostePostOffice = "35600000049837";  // sum rule: not Luhn; digit sum 45

TEST(LuhnTest, ComputesTheChecksum) {
  EXPECT_TRUE(LuhnValid("0"));
  EXPECT_TRUE(LuhnValid("18"));  // 1*2 + 8 = 10
  EXPECT_FALSE(LuhnValid("19"));
  EXPECT_TRUE(LuhnValid("59"));  // 5*2 = 10 -> 1, + 9 = 10
  EXPECT_TRUE(LuhnValid("732829320"));
  EXPECT_FALSE(LuhnValid("732829321"));
  EXPECT_TRUE(LuhnValid(kAppleFrance));
  EXPECT_FALSE(LuhnValid("73282932000075"));
  EXPECT_FALSE(LuhnValid(kLaPostePostOffice));
}

TEST(SirenTest, ParsesDigitsWithSeparators) {
  for (const char* text : {"732829320", "732 829 320", "732.829.320",
                           "732\xC2\xA0"
                           "829\xC2\xA0"
                           "320",
                           "732\xE2\x80\xAF"
                           "829 320",
                           " 732829320 "}) {
    const Result<Siren> siren = Siren::Parse(text);
    ASSERT_TRUE(siren.has_value()) << text << ": " << siren.error().message;
    EXPECT_EQ(siren->digits(), "732829320");
    EXPECT_EQ(siren->ToDisplay(), "732 829 320");
  }
}

TEST(SirenTest, RefusesWrongLengthOtherCharactersAndBadChecksum) {
  EXPECT_EQ(Siren::Parse("73282932").error().message, "SIREN \"73282932\" must have 9 digits");
  EXPECT_EQ(Siren::Parse("7328293200").error().message, "SIREN \"7328293200\" must have 9 digits");
  EXPECT_EQ(Siren::Parse("").error().message, "SIREN \"\" must have 9 digits");
  EXPECT_EQ(Siren::Parse("732-829-320").error().message,
            "SIREN \"732-829-320\" may contain only digits, spaces and dots");
  EXPECT_EQ(Siren::Parse("732829321").error().message, "SIREN \"732829321\" fails its checksum");
  EXPECT_EQ(Siren::Parse("732829321").error().code, ErrorCode::kInvalidArgument);
}

TEST(SiretTest, ParsesALuhnValidSiret) {
  const Result<Siret> siret = Siret::Parse("732 829 320 00074");
  ASSERT_TRUE(siret.has_value()) << siret.error().message;
  EXPECT_EQ(siret->digits(), kAppleFrance);
  EXPECT_EQ(siret->siren().digits(), "732829320");
  EXPECT_EQ(siret->nic(), "00074");
  EXPECT_EQ(siret->ToDisplay(), "732 829 320 00074");
}

TEST(SiretTest, DisplayFormRoundTrips) {
  for (const char* digits :
       {kAppleFrance, kLaPosteHeadOffice, kLaPostePostOffice, "44306184100047"}) {
    const Siret siret = Siret::Parse(digits).value();
    EXPECT_EQ(Siret::Parse(siret.ToDisplay()).value(), siret) << digits;
  }
}

TEST(SiretTest, RefusesBadChecksumNamingTheValue) {
  const Result<Siret> siret = Siret::Parse("73282932000075");
  ASSERT_FALSE(siret.has_value());
  EXPECT_EQ(siret.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(siret.error().message, "SIRET \"73282932000075\" fails its checksum");
}

TEST(SiretTest, RefusesWrongLength) {
  EXPECT_EQ(Siret::Parse("123").error().message, "SIRET \"123\" must have 14 digits");
  EXPECT_EQ(Siret::Parse("732829320000740").error().message,
            "SIRET \"732829320000740\" must have 14 digits");
  EXPECT_EQ(Siret::Parse("   ").error().message, "SIRET \"   \" must have 14 digits");
  EXPECT_EQ(Siret::Parse("7328293200007A").error().message,
            "SIRET \"7328293200007A\" may contain only digits, spaces and dots");
}

TEST(SiretTest, RefusesALuhnValidSiretWhoseSirenFails) {
  // Over 14 digits the leading 1 is doubled (2 + 8 = 10, valid); over the 9 of the SIREN it is
  // not (1, invalid).
  const std::string digits = "10000000000008";
  ASSERT_TRUE(LuhnValid(digits));
  ASSERT_FALSE(LuhnValid(digits.substr(0, 9)));
  EXPECT_EQ(Siret::Parse(digits).error().message, "SIRET \"10000000000008\" fails its checksum");
}

TEST(SiretTest, LaPosteHeadOfficePassesLuhn) {
  ASSERT_TRUE(LuhnValid(kLaPosteHeadOffice));
  const Result<Siret> siret = Siret::Parse(kLaPosteHeadOffice);
  ASSERT_TRUE(siret.has_value()) << siret.error().message;
  EXPECT_EQ(siret->siren().digits(), "356000000");
}

TEST(SiretTest, LaPostePostOfficesUseTheSumOfDigits) {
  const Result<Siret> siret = Siret::Parse(kLaPostePostOffice);
  ASSERT_TRUE(siret.has_value()) << siret.error().message;
  EXPECT_EQ(siret->nic(), "49837");
  // 3+5+6+4+9+8+3+6 = 44: neither a multiple of 5 nor Luhn-valid.
  EXPECT_FALSE(Siret::Parse("35600000049836").has_value());
}

TEST(SiretTest, TheSumRuleIsOnlyForLaPoste) {
  // Apple France's SIREN with a NIC chosen so that the digits sum to 40.
  const std::string digits = "73282932000013";
  int sum = 0;
  for (char c : digits) sum += c - '0';
  ASSERT_EQ(sum % 5, 0);
  ASSERT_FALSE(LuhnValid(digits));
  EXPECT_FALSE(Siret::Parse(digits).has_value());
}

TEST(SiretTest, ComparesByDigits) {
  EXPECT_EQ(Siret::Parse("73282932000074").value(), Siret::Parse("732 829 320 00074").value());
  EXPECT_LT(Siret::Parse(kLaPosteHeadOffice).value(), Siret::Parse(kAppleFrance).value());
}

}  // namespace
}  // namespace choral::core
