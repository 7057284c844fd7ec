#pragma once
// Kinds of media failure, carried in avt::Error::code as short lower-case strings so that
// callers (dataset import, loaders, the GUI) can branch on them without parsing messages:
//
//   Result<MediaInfo> info = probeMedia(path);
//   if (!info && mediaErrorKind(info.error()) == MediaError::Missing) ...
//
// The message always names the file and the cause ("clip.mp4: moov atom not found").
#include "core/util/result.h"

#include <QString>

#include <optional>

namespace avt::media {

enum class MediaError {
    Missing,        // "missing": no such file, or not readable
    NoVideo,        // "no-video": frames were requested but the file has no video stream
    Empty,          // "empty": zero-length file, or streams with no frames / samples
    Corrupt,        // "corrupt": not a media file FFmpeg understands, or undecodable data
    Truncated,      // "truncated": the file ends before the time its header promises
    Timeout,        // "timeout": the deadline (ClipRequest::timeoutSeconds) passed
    Unsupported,    // "unsupported": a codec or pixel format this FFmpeg cannot decode
    InvalidRequest, // "invalid-request": bad request values (window outside the file, sizes)
};

// The code string stored in avt::Error::code for a kind ("missing", "no-video", ...).
QString mediaErrorCode(MediaError kind);
// The kind of an error made by this module; nothing for codes from elsewhere.
std::optional<MediaError> mediaErrorKind(const Error &error);
// Builds an Error of the given kind whose message is "<path>: <cause>".
Error makeMediaError(MediaError kind, const QString &path, const QString &cause);

} // namespace avt::media
