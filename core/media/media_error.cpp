#include "core/media/media_error.h"

#include <array>
#include <utility>

namespace avt::media {

namespace {

constexpr std::array<std::pair<MediaError, const char *>, 8> kCodes = {{
    {MediaError::Missing, "missing"},
    {MediaError::NoVideo, "no-video"},
    {MediaError::Empty, "empty"},
    {MediaError::Corrupt, "corrupt"},
    {MediaError::Truncated, "truncated"},
    {MediaError::Timeout, "timeout"},
    {MediaError::Unsupported, "unsupported"},
    {MediaError::InvalidRequest, "invalid-request"},
}};

} // namespace

QString mediaErrorCode(MediaError kind)
{
    for (const auto &[k, code] : kCodes)
        if (k == kind)
            return QString::fromLatin1(code);
    return QStringLiteral("unknown");
}

std::optional<MediaError> mediaErrorKind(const Error &error)
{
    for (const auto &[k, code] : kCodes)
        if (error.code == QLatin1String(code))
            return k;
    return std::nullopt;
}

Error makeMediaError(MediaError kind, const QString &path, const QString &cause)
{
    return makeError(mediaErrorCode(kind), path + QStringLiteral(": ") + cause);
}

} // namespace avt::media
