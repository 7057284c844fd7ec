#include "model/layers/token_mask.h"

#include <torch/torch.h>

namespace avt::model {

torch::Tensor applyTokenMask(const torch::Tensor &tokens, const torch::Tensor &mask, const char *what)
{
    if (!mask.defined())
        return tokens;
    TORCH_CHECK(mask.dim() == 2 && mask.size(0) == tokens.size(0) && mask.size(1) == tokens.size(1), what,
                " token mask must be [B, N] = [", tokens.size(0), ", ", tokens.size(1), "], got ", mask.sizes());
    // keep [B, N, 1]: 1 for kept tokens, 0 for masked ones
    auto keep = mask.to(torch::kBool).logical_not().unsqueeze(-1).to(tokens.dtype());
    return tokens * keep;
}

} // namespace avt::model
