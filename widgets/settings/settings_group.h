#pragma once
// Base of the typed QSettings wrappers: every wrapper class owns one key prefix ("MainWindow/",
// "Language/", ...), so classes never read each other's keys. Values go to the application's
// default QSettings (organisation / application names set in main()).
//
// Thread-safety: GUI thread only (QSettings objects are cheap; one is made per access).
#include <QSettings>
#include <QString>
#include <QVariant>

namespace avt::widgets {

class SettingsGroup {
public:
    explicit SettingsGroup(QString prefix) : m_prefix(std::move(prefix)) {}

protected:
    QVariant read(const QString &key, const QVariant &fallback = {}) const
    {
        return QSettings().value(m_prefix + key, fallback);
    }
    void write(const QString &key, const QVariant &value) const { QSettings().setValue(m_prefix + key, value); }

private:
    QString m_prefix;
};

} // namespace avt::widgets
