#include "finding/shared_text.h"

namespace driftcheck {

namespace {
const std::string kEmpty;
}  // namespace

SharedText::SharedText(std::string text) {
  if (!text.empty()) block_ = new Block{{1}, std::move(text)};
}

SharedText::SharedText(const SharedText& other) noexcept : block_(other.block_) {
  if (block_) block_->refs.fetch_add(1, std::memory_order_relaxed);
}

SharedText::~SharedText() {
  if (block_ && block_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete block_;
}

const std::string& SharedText::str() const { return block_ ? block_->text : kEmpty; }

}  // namespace driftcheck
