#pragma once
// Learning-rate schedule: linear warmup from lr/warmup to lr over `warmup` steps, then a
// half cosine from lr down to minLr at `total` steps (held at minLr after).
#include <cstdint>

namespace avt::train {

struct WarmupCosine {
    double lr = 1e-4;
    double minLr = 1e-6;
    int64_t warmup = 100;
    int64_t total = 1000;

    // The rate for optimiser step `step` (0-based).
    double at(int64_t step) const;
};

} // namespace avt::train
