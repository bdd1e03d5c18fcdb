#include "ui/failuredialog.h"

#include "ui/dialogs.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QVBoxLayout>

namespace majlis::ui {

FailureDialog::FailureDialog(const Taxonomy &taxonomy, const QString &quote, QWidget *parent)
    : QDialog(parent), m_category(new QComboBox(this)), m_severity(new QComboBox(this)), m_comment(new QLineEdit(this)),
      m_definition(new QLabel(this))
{
    setObjectName(QStringLiteral("failureDialog"));
    setWindowTitle(title(quote));
    const QStringList languages = QLocale().uiLanguages();
    for (const TaxonomyEntry &c : taxonomy.categories) {
        m_category->addItem(pickLanguage(c.label, languages), c.id);
        m_category->setItemData(m_category->count() - 1, pickLanguage(c.definition, languages), Qt::ToolTipRole);
    }
    for (const TaxonomyEntry &s : taxonomy.severities)
        m_severity->addItem(tr("%1 (weight %2)").arg(pickLanguage(s.label, languages), QLocale().toString(s.weight)), s.id);
    m_severity->setCurrentIndex(std::min(1, int(m_severity->count()) - 1));
    m_category->setObjectName(QStringLiteral("failureCategory"));
    m_severity->setObjectName(QStringLiteral("failureSeverity"));
    m_comment->setObjectName(QStringLiteral("failureComment"));
    m_category->setAccessibleName(tr("Failure category"));
    m_severity->setAccessibleName(tr("Severity"));
    m_comment->setAccessibleName(tr("Comment"));
    m_comment->setPlaceholderText(tr("Optional: what exactly is wrong"));
    m_definition->setWordWrap(true);
    m_definition->setObjectName(QStringLiteral("failureDefinition"));

    auto *form = new QFormLayout;
    if (!quote.isEmpty()) {
        auto *q = new QLabel(quote.size() > 300 ? quote.left(300) + QStringLiteral("…") : quote, this);
        q->setWordWrap(true);
        q->setObjectName(QStringLiteral("failureQuote"));
        q->setStyleSheet(QStringLiteral("QLabel { background: #fff3c4; padding: 4px; }"));
        q->setAccessibleName(tr("Marked text"));
        form->addRow(tr("Marked text:"), q);
    }
    form->addRow(tr("&Category:"), m_category);
    form->addRow(QString(), m_definition);
    form->addRow(tr("&Severity:"), m_severity);
    form->addRow(tr("C&omment:"), m_comment);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto showDefinition = [this] { m_definition->setText(m_category->currentData(Qt::ToolTipRole).toString()); };
    connect(m_category, &QComboBox::currentIndexChanged, this, showDefinition);
    showDefinition();
    m_category->setFocus();
}

QString FailureDialog::title(const QString &quote)
{
    return quote.isEmpty() ? tr("Flag the whole answer") : tr("Mark a failure");
}

void FailureDialog::setAnswer(const Answer &answer)
{
    m_category->setCurrentIndex(std::max(0, m_category->findData(answer.category)));
    m_severity->setCurrentIndex(std::max(0, m_severity->findData(answer.severity)));
    m_comment->setText(answer.comment);
}

FailureDialog::Answer FailureDialog::answer() const
{
    return {m_category->currentData().toString(), m_severity->currentData().toString(), m_comment->text().trimmed()};
}

std::optional<FailureDialog::Answer> FailureDialog::ask(const Taxonomy &taxonomy, const QString &quote,
                                                        const std::optional<Answer> &initial, QWidget *parent)
{
    if (const auto next = Dialogs::answerWithoutShowing(Dialogs::Kind::Own, title(quote), quote)) {
        if (next->metaType() == QMetaType::fromType<Answer>())
            return next->value<Answer>();
        if (next->isValid() && next->metaType() != QMetaType::fromType<Dialogs::Button>())
            qFatal("Dialogs: the answer queued for the failure dialog is not a failure mark");
        return std::nullopt;  // the default, or a button: cancelled
    }
    FailureDialog dialog(taxonomy, quote, parent);
    if (initial)
        dialog.setAnswer(*initial);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.answer();
}

void FailureDialog::setNextAnswer(std::optional<Answer> answer)
{
    Dialogs::queueAnswer(answer ? QVariant::fromValue(*answer) : QVariant::fromValue(QMessageBox::Cancel));
}

}  // namespace majlis::ui
