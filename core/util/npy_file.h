#pragma once
// Tensors out of the engine as NumPy .npy files, one way everywhere (model/io/npy does the
// format): floating tensors as float32, bool / uint8 as uint8, other integers as int64, any shape.
//
//   if (auto st = avt::writeNpyFile(dir.filePath("cam_video.npy"), map); !st)
//       return st.error();   // "…/cam_video.npy: cannot open for writing"
// Thread-safety: reentrant.
#include "core/util/result.h"

#include <QString>

namespace at {
class Tensor;
}

namespace avt {

Status writeNpyFile(const QString &path, const at::Tensor &tensor);

} // namespace avt
