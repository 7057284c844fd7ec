#include "widgets/common/colour_maps.h"

#include <QCoreApplication>

namespace avt::widgets {

QList<ColourMapChoice> colourMapChoices()
{
    struct Entry {
        const char *name;
        QCPColorGradient::GradientPreset preset;
    };
    static const Entry entries[] = {
        {QT_TRANSLATE_NOOP("avt::widgets::ColourMaps", "Thermal"), QCPColorGradient::gpThermal},
        {QT_TRANSLATE_NOOP("avt::widgets::ColourMaps", "Grayscale"), QCPColorGradient::gpGrayscale},
        {QT_TRANSLATE_NOOP("avt::widgets::ColourMaps", "Hot"), QCPColorGradient::gpHot},
        {QT_TRANSLATE_NOOP("avt::widgets::ColourMaps", "Cold"), QCPColorGradient::gpCold},
        {QT_TRANSLATE_NOOP("avt::widgets::ColourMaps", "Night"), QCPColorGradient::gpNight},
        {QT_TRANSLATE_NOOP("avt::widgets::ColourMaps", "Ion"), QCPColorGradient::gpIon},
        {QT_TRANSLATE_NOOP("avt::widgets::ColourMaps", "Jet"), QCPColorGradient::gpJet},
        {QT_TRANSLATE_NOOP("avt::widgets::ColourMaps", "Polar"), QCPColorGradient::gpPolar},
    };
    QList<ColourMapChoice> out;
    for (const Entry &e : entries)
        out.append({QCoreApplication::translate("avt::widgets::ColourMaps", e.name), e.preset});
    return out;
}

} // namespace avt::widgets
