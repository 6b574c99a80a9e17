#include "report/json_stream.h"

#include <string>
#include <string_view>

namespace driftcheck {
namespace {

constexpr auto kReplace = OrderedJson::error_handler_t::replace;

// `text` with every line after the first indented by `indent`.
void WriteIndented(std::ostream& out, std::string_view text, std::string_view indent) {
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string_view::npos; start = nl + 1) {
    out << text.substr(start, nl + 1 - start) << indent;
  }
  out << text.substr(start);
}

}  // namespace

void WriteJsonStreamingArray(std::ostream& out, const OrderedJson& doc, std::size_t count,
                             const std::function<OrderedJson(std::size_t)>& item) {
  const std::string text = doc.dump(2, ' ', false, kReplace);
  const std::string slot = OrderedJson(kJsonArraySlot).dump(-1, ' ', false, kReplace);
  const std::size_t at = text.find(slot);
  if (at == std::string::npos) {
    out << text << "\n";
    return;
  }
  // The member's line gives the depth: items go two spaces deeper.
  const std::size_t line_start = text.rfind('\n', at) + 1;
  const std::size_t depth = text.find_first_not_of(' ', line_start) - line_start;
  const std::string item_indent(depth + 2, ' ');
  out << std::string_view(text).substr(0, at) << '[';
  for (std::size_t i = 0; i < count; ++i) {
    out << (i == 0 ? "\n" : ",\n") << item_indent;
    WriteIndented(out, item(i).dump(2, ' ', false, kReplace), item_indent);
  }
  out << (count == 0 ? "]" : "\n" + std::string(depth, ' ') + "]");
  out << std::string_view(text).substr(at + slot.size()) << "\n";
}

}  // namespace driftcheck
