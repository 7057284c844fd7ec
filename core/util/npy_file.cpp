#include "core/util/npy_file.h"

#include "model/io/npy.h"

#include <ATen/core/Tensor.h>

#include <QFile>

namespace avt {

Status writeNpyFile(const QString &path, const at::Tensor &tensor)
{
    std::string err;
    if (!model::writeTensorNpy(QFile::encodeName(path).toStdString(), tensor, &err))
        return makeError(QStringLiteral("io"), QString::fromStdString(err));
    return Ok{};
}

} // namespace avt
