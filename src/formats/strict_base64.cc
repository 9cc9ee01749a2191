#include "formats/strict_base64.h"

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace choral::formats {
namespace {

// The value of a base64 digit, -1 for anything else ('=' included).
constexpr std::array<int8_t, 256> kDigitValues = [] {
  std::array<int8_t, 256> values{};
  values.fill(-1);
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 64; ++i) values[static_cast<unsigned char>(alphabet[i])] = int8_t(i);
  return values;
}();

bool IsXmlSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Adds to `digits` the digits of `text`, which holds no '='. False when a byte is neither a
// digit nor white space.
bool CountDigits(std::string_view text, size_t& digits) {
  const auto* at = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = at + text.size();
#if defined(__SSE2__)
  // Sixteen bytes at a time: a whole attachment goes through here. Signed comparisons suffice:
  // every accepted byte is ASCII, and bytes from 0x80 up compare below all of them.
  const __m128i zero = _mm_setzero_si128();
  __m128i stray = zero;
  while (end - at >= 16) {
    __m128i counts = zero;  // one 8-bit counter per lane: emptied every 255 rounds
    for (int round = 0; round < 255 && end - at >= 16; ++round, at += 16) {
      __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      auto in = [&](char low, char high) {
        return _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8(static_cast<char>(low - 1))),
                             _mm_cmplt_epi8(c, _mm_set1_epi8(static_cast<char>(high + 1))));
      };
      auto is = [&](char wanted) { return _mm_cmpeq_epi8(c, _mm_set1_epi8(wanted)); };
      __m128i digit =
          _mm_or_si128(_mm_or_si128(_mm_or_si128(in('A', 'Z'), in('a', 'z')), in('0', '9')),
                       _mm_or_si128(is('+'), is('/')));
      __m128i space =
          _mm_or_si128(_mm_or_si128(is(' '), is('\t')), _mm_or_si128(is('\n'), is('\r')));
      stray = _mm_or_si128(stray, _mm_cmpeq_epi8(_mm_or_si128(digit, space), zero));
      counts = _mm_sub_epi8(counts, digit);  // a digit's lane holds -1
    }
    __m128i sums = _mm_sad_epu8(counts, zero);  // two 64-bit sums of eight lanes each
    digits += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
              static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
  if (_mm_movemask_epi8(stray) != 0) return false;
#endif
  for (; at < end; ++at) {
    if (kDigitValues[*at] >= 0) {
      ++digits;
    } else if (!IsXmlSpace(*at)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsStrictBase64(std::string_view text) {
  size_t padding_start = text.find('=');
  if (padding_start == std::string_view::npos) padding_start = text.size();
  size_t digits = 0;
  if (!CountDigits(text.substr(0, padding_start), digits)) return false;
  int padding = 0;
  for (unsigned char c : text.substr(padding_start)) {
    if (c == '=') {
      ++padding;
    } else if (!IsXmlSpace(c)) {
      return false;
    }
  }
  if (padding == 0) return digits % 4 == 0;
  int last = 0;  // the value of the last digit before the padding
  for (size_t at = padding_start; at > 0; --at) {
    int value = kDigitValues[static_cast<unsigned char>(text[at - 1])];
    if (value >= 0) {
      last = value;
      break;
    }
  }
  if (padding == 1) return digits % 4 == 3 && (last & 0x03) == 0;
  if (padding == 2) return digits % 4 == 2 && (last & 0x0F) == 0;
  return false;
}

}  // namespace choral::formats
