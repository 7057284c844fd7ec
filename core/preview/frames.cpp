#include "core/preview/frames.h"

#include <cstring>

namespace avt::preview {

QList<RgbImage> framesToImages(const at::Tensor &frames)
{
    QList<RgbImage> out;
    if (!frames.defined() || frames.dim() != 4 || frames.size(3) != 3 || frames.scalar_type() != at::kByte)
        return out;
    const at::Tensor f = frames.contiguous(); // [T, H, W, 3]
    const int h = int(f.size(1));
    const int w = int(f.size(2));
    const qsizetype bytes = qsizetype(h) * w * 3;
    const auto *base = static_cast<const char *>(f.data_ptr());
    out.reserve(f.size(0));
    for (int64_t t = 0; t < f.size(0); ++t) {
        RgbImage img;
        img.width = w;
        img.height = h;
        img.pixels = QByteArray(base + t * bytes, bytes);
        out.append(std::move(img));
    }
    return out;
}

} // namespace avt::preview
