#include "core/util/versions.h"

#include "model/version.h"

#include <opencv2/core/version.hpp>
#include <sqlite3.h>

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

namespace avt::util {

namespace {

// libav* pack their versions as major << 16 | minor << 8 | micro.
QString unpackAvVersion(unsigned v)
{
    return QStringLiteral("%1.%2.%3").arg(v >> 16).arg((v >> 8) & 0xff).arg(v & 0xff);
}

} // namespace

LibraryVersions libraryVersions()
{
    LibraryVersions v;
    v.workbench = QStringLiteral(AVT_VERSION);
    v.qt = QString::fromLatin1(qVersion());
    v.torch = QString::fromStdString(model::torchVersion());
    v.ffmpeg = QString::fromLatin1(av_version_info());
    v.avformat = unpackAvVersion(avformat_version());
    v.opencv = QStringLiteral(CV_VERSION);
    v.sqlite = QString::fromLatin1(sqlite3_libversion());
    v.cudaAvailable = model::cudaAvailable();
    return v;
}

} // namespace avt::util
