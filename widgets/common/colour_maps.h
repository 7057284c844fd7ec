#pragma once
// The colour maps offered for spectrograms, with translated names.
#include <QStringList>

#include <qcustomplot.h>

namespace avt::widgets {

struct ColourMapChoice {
    QString name; // translated, for combo boxes
    QCPColorGradient::GradientPreset preset;
};

QList<ColourMapChoice> colourMapChoices();

} // namespace avt::widgets
