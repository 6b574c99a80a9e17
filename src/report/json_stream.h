#pragma once
// Writing a JSON document whose one large array is rendered an item at a
// time, so a report with a million findings never holds the whole document
// (or its text) in memory. The bytes equal one dump(2) of the whole document.

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>

namespace driftcheck {

using OrderedJson = nlohmann::ordered_json;

/// Writes `doc` indented by two, with the value of `slot` (a member that
/// holds the placeholder string kJsonArraySlot) replaced by an array of
/// `count` items made by `item(i)`. Invalid UTF-8 is replaced, never fatal.
void WriteJsonStreamingArray(std::ostream& out, const OrderedJson& doc, std::size_t count,
                             const std::function<OrderedJson(std::size_t)>& item);

/// The placeholder that marks the array to stream; a report never holds it
/// (config text cannot reach the document unescaped as this exact string).
inline constexpr const char* kJsonArraySlot = "\x01driftcheck-streamed-array\x01";

}  // namespace driftcheck
