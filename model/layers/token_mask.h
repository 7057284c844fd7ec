#pragma once
// Token masking at the encoders' inputs (masked reconstruction): the masked tokens are zeroed
// before the first block, so the encoder sees only the visible ones. Used by AST, UniFormer and
// the ViT video encoder alike.
#include <torch/types.h>

namespace avt::model {

// Zeroes the tokens selected by mask: tokens [B, N, C], mask [B, N] bool (true = zero).
// An undefined mask returns tokens unchanged. `what` names the encoder in the message of the
// c10::Error thrown on a shape mismatch.
torch::Tensor applyTokenMask(const torch::Tensor &tokens, const torch::Tensor &mask, const char *what);

} // namespace avt::model
