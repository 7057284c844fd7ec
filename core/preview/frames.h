#pragma once
// Conversion of decoded frame tensors to RgbImage (internal to core/preview, usable by callers).
#include "core/preview/rgb_image.h"

#include <ATen/core/Tensor.h>
#include <QList>

namespace avt::preview {

// frames: [T, H, W, 3] uint8 RGB on the CPU (undefined -> empty list).
QList<RgbImage> framesToImages(const at::Tensor &frames);

} // namespace avt::preview
