#pragma once
// A clip of a dataset as the workbench knows it: where its media is, which window of the
// file it covers, its labels, the stream facts found when probing, and the problems found.
#include <QList>
#include <QString>
#include <QStringList>

namespace avt::data {

// One label of a clip. head is "class" for single-label datasets, "verb" / "noun" for
// EPIC-KITCHENS; classIndex is the dataset's class id when the annotation gives one, else -1.
struct ClipLabel {
    QString head;
    QString label;
    int classIndex = -1;
};

// What probing the media file found (-1 / false when unknown).
struct ClipFacts {
    double durationS = -1;
    bool hasVideo = false;
    bool hasAudio = false;
    int width = -1;
    int height = -1;
    double fps = -1;
    bool variableFps = false;
    int audioRate = -1;
    int audioChannels = -1;
    bool probed = false;
};

// Problem names stored with a clip (a clip may have several).
namespace problem {
inline const QString Missing = QStringLiteral("missing");         // file not found
inline const QString Undecodable = QStringLiteral("undecodable"); // FFmpeg cannot read it
inline const QString NoAudio = QStringLiteral("no-audio");
inline const QString NoVideo = QStringLiteral("no-video");
inline const QString TooShort = QStringLiteral("too-short"); // shorter than the window / minimum
inline const QString VariableFps = QStringLiteral("variable-fps");
} // namespace problem

struct Clip {
    qint64 id = 0;      // row id in the store (0 before storing)
    QString key;        // unique within the dataset (e.g. "<youtube_id>_<start>" or narration_id)
    QString path;       // media file, relative to the dataset's media root or absolute
    QString split;      // "train", "test", "validation", ... ("" when unknown)
    double startS = -1; // window inside the file, seconds; -1 = whole file
    double endS = -1;
    QList<ClipLabel> labels;
    ClipFacts facts;
    QStringList problems;
    QString problemDetail; // the messages behind the problems, for the user
    int sourceLine = 0;    // line of the annotation file this clip came from

    QString label(const QString &head = QStringLiteral("class")) const
    {
        for (const ClipLabel &l : labels)
            if (l.head == head)
                return l.label;
        return QString();
    }
    bool usable() const
    {
        return problems.isEmpty()
               || (!problems.contains(problem::Missing) && !problems.contains(problem::Undecodable)
                   && !problems.contains(problem::NoVideo));
    }
};

} // namespace avt::data
