#include "core/train/schedule.h"

#include <algorithm>
#include <cmath>

namespace avt::train {

double WarmupCosine::at(int64_t step) const
{
    if (warmup > 0 && step < warmup)
        return lr * double(step + 1) / double(warmup);
    const int64_t span = std::max<int64_t>(1, total - warmup);
    const double progress = std::clamp(double(step - warmup) / double(span), 0.0, 1.0);
    return minLr + (lr - minLr) * 0.5 * (1.0 + std::cos(M_PI * progress));
}

} // namespace avt::train
