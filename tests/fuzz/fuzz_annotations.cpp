// The annotation readers (CSV, VGGSound, Kinetics-Sounds with a class list, EPIC-KITCHENS-100)
// on a file holding the input; the first byte chooses the format. The media folder is empty,
// so file-name probing finds nothing.
#include "fuzz_target.h"

#include "core/data/annotations.h"

#include <QFile>
#include <QString>

AVT_FUZZ_TARGET(annotations)
{
    using namespace avt::data;
    if (size == 0)
        return 0;
    static const AnnotationFormat formats[] = {AnnotationFormat::Csv, AnnotationFormat::VggSound,
                                               AnnotationFormat::KineticsSounds, AnnotationFormat::Epic100};
    const AnnotationFormat format = formats[data[0] % 4];
    const uint8_t variant = data[0] / 4;
    ++data;
    --size;
    static const QString classes = [] {
        const char list[] = "playing drums\nplaying bass guitar\nchopping wood\n";
        return QString::fromStdString(
            avt::fuzz::writeInput(reinterpret_cast<const uint8_t *>(list), sizeof list - 1, ".classes.txt"));
    }();
    static const QString media = QString::fromStdString(avt::fuzz::scratchFolder("media"));
    // EPIC derives the split from the file name; keep both spellings reachable.
    const std::string suffix =
        format == AnnotationFormat::Epic100 ? (variant % 2 ? "_train.csv" : "_validation.csv") : ".csv";
    AnnotationOptions options;
    options.format = format;
    options.mediaRoot = media;
    options.classListFile = classes;
    auto result = readAnnotations(QString::fromStdString(avt::fuzz::writeInput(data, size, suffix)), options);
    (void)result;
    return 0;
}
