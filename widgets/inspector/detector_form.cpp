#include "widgets/inspector/detector_form.h"

#include "core/segments/detector_params.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace avt::widgets {

namespace {

// Labels of the detector fields, translated here (the core help texts stay English).
QString fieldLabel(const QString &key)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("maxSegments"), QT_TRANSLATE_NOOP("avt::widgets::DetectorForm", "Max. segments")},
        {QStringLiteral("smoothWindow"), QT_TRANSLATE_NOOP("avt::widgets::DetectorForm", "Smoothing window")},
        {QStringLiteral("smoothOrder"), QT_TRANSLATE_NOOP("avt::widgets::DetectorForm", "Smoothing order")},
        {QStringLiteral("activityWindow"), QT_TRANSLATE_NOOP("avt::widgets::DetectorForm", "Activity window")},
        {QStringLiteral("activityOrder"), QT_TRANSLATE_NOOP("avt::widgets::DetectorForm", "Activity order")},
        {QStringLiteral("peakRadius"), QT_TRANSLATE_NOOP("avt::widgets::DetectorForm", "Peak radius")},
        {QStringLiteral("minSegmentFrames"), QT_TRANSLATE_NOOP("avt::widgets::DetectorForm", "Min. segment frames")},
        {QStringLiteral("minActivity"), QT_TRANSLATE_NOOP("avt::widgets::DetectorForm", "Min. activity")},
        {QStringLiteral("relativeThreshold"), QT_TRANSLATE_NOOP("avt::widgets::DetectorForm", "Relative threshold")},
    };
    const char *text = labels.value(key);
    return text ? DetectorForm::tr(text) : key;
}

} // namespace

DetectorForm::DetectorForm(QWidget *parent)
    : QWidget(parent), m_seed(new QSpinBox(this)), m_probability(new QDoubleSpinBox(this)), m_message(new QLabel(this))
{
    auto *form = new QFormLayout(this);
    for (const segments::DetectorParamField &f : segments::detectorParamFields()) {
        QAbstractSpinBox *box = nullptr;
        if (f.integer) {
            auto *spin = new QSpinBox(this);
            spin->setRange(int(f.min), int(std::min(f.max, 1e9)));
            spin->setSingleStep(f.odd ? 2 : 1);
            connect(spin, &QSpinBox::valueChanged, this, &DetectorForm::changed);
            box = spin;
        } else {
            auto *spin = new QDoubleSpinBox(this);
            spin->setDecimals(6);
            spin->setRange(f.min, std::min(f.max, 1e9));
            spin->setSingleStep(f.max <= 1.0 ? 0.01 : 0.1);
            connect(spin, &QDoubleSpinBox::valueChanged, this, &DetectorForm::changed);
            box = spin;
        }
        box->setToolTip(tr("%1 (%2 … %3)").arg(f.help).arg(f.min).arg(f.max));
        box->setKeyboardTracking(false);
        form->addRow(fieldLabel(f.key), box);
        m_fields.push_back({f.key, box, f.integer});
    }
    m_seed->setRange(0, 999999);
    m_seed->setToolTip(tr("Seed of the random choice of masked segments"));
    m_probability->setRange(0.0, 1.0);
    m_probability->setDecimals(3);
    m_probability->setSingleStep(0.01);
    m_probability->setToolTip(tr("Share of the segments that are masked (the paper uses 4 %)"));
    for (QAbstractSpinBox *b : std::initializer_list<QAbstractSpinBox *>{m_seed, m_probability})
        b->setKeyboardTracking(false);
    form->addRow(tr("Mask seed"), m_seed);
    form->addRow(tr("Mask probability"), m_probability);
    auto *reset = new QPushButton(tr("&Defaults"), this);
    form->addRow(reset);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::BrightText);
    form->addRow(m_message);
    connect(m_seed, &QSpinBox::valueChanged, this, &DetectorForm::changed);
    connect(m_probability, &QDoubleSpinBox::valueChanged, this, &DetectorForm::changed);
    connect(reset, &QPushButton::clicked, this, &DetectorForm::resetDefaults);
    resetDefaults();
}

preview::OverlayRequest DetectorForm::request() const
{
    preview::OverlayRequest r;
    QJsonObject o;
    for (const Field &f : m_fields) {
        if (f.integer)
            o.insert(f.key, static_cast<QSpinBox *>(f.box)->value());
        else
            o.insert(f.key, static_cast<QDoubleSpinBox *>(f.box)->value());
    }
    // Field by field, so that one invalid combination still leaves the other values set.
    for (auto it = o.begin(); it != o.end(); ++it)
        (void)r.params.set(it.key(), QString::number(it.value().toDouble(), 'g', 17));
    r.seed = std::uint64_t(m_seed->value());
    r.probability = m_probability->value();
    return r;
}

void DetectorForm::setRequest(const preview::OverlayRequest &request)
{
    const QJsonObject o = request.params.toJson();
    const QSignalBlocker block(this);
    for (const Field &f : m_fields) {
        const double v = o.value(f.key).toDouble();
        if (f.integer)
            static_cast<QSpinBox *>(f.box)->setValue(int(v));
        else
            static_cast<QDoubleSpinBox *>(f.box)->setValue(v);
    }
    m_seed->setValue(int(request.seed));
    m_probability->setValue(request.probability);
}

bool DetectorForm::setParam(const QString &key, double value)
{
    for (const Field &f : m_fields) {
        if (f.key != key)
            continue;
        if (f.integer)
            static_cast<QSpinBox *>(f.box)->setValue(int(std::lround(value)));
        else
            static_cast<QDoubleSpinBox *>(f.box)->setValue(value);
        return true;
    }
    return false;
}

void DetectorForm::setSeed(int seed) { m_seed->setValue(seed); }

void DetectorForm::setProbability(double probability) { m_probability->setValue(probability); }

void DetectorForm::resetDefaults()
{
    setRequest(preview::OverlayRequest{});
    emit changed();
}

void DetectorForm::setMessage(const QString &message) { m_message->setText(message); }

} // namespace avt::widgets
