#include "ui/startdialogs.h"

#include <QCoreApplication>

#include "store/eventstore.h"
#include "ui/dialogs.h"
#include "ui/progressrun.h"
#include "ui/richtext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <optional>

namespace majlis::ui {

AnnotatorDialog::AnnotatorDialog(const QStringList &known, const QString &last, QWidget *parent)
    : QDialog(parent), m_names(new QComboBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Who is voting?"));
    m_names->setObjectName(QStringLiteral("annotatorName"));
    m_names->setEditable(true);
    m_names->addItems(known);
    m_names->setCurrentText(last);
    // The last name is offered selected, so that typing replaces it: typing "layla" over an
    // unselected "layla" made the annotator "laylalayla", in the settings and in every vote.
    m_names->lineEdit()->selectAll();
    m_names->setFocus();
    m_names->setAccessibleName(tr("Annotator name"));
    m_names->lineEdit()->setPlaceholderText(tr("Your name or annotator code"));
    auto *label = new QLabel(tr("Choose your profile, or type a new name. Your votes are recorded under it."), this);
    label->setWordWrap(true);
    label->setBuddy(m_names);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_names);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto update = [this] { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!annotator().isEmpty()); };
    connect(m_names, &QComboBox::currentTextChanged, this, update);
    update();
}

QString AnnotatorDialog::annotator() const
{
    return m_names->currentText().trimmed();
}

PackChooserDialog::PackChooserDialog(store::EventStore &store, QWidget *parent)
    : QDialog(parent), m_store(store), m_list(new QListWidget(this)), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Choose a task pack"));
    resize(520, 360);
    m_list->setObjectName(QStringLiteral("packList"));
    m_list->setAccessibleName(tr("Task packs in this store"));
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("packMessage"));
    auto *importButton = m_buttons->addButton(tr("Import pack…"), QDialogButtonBox::ActionRole);
    importButton->setObjectName(QStringLiteral("importPackButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Task packs in this store:"), this));
    layout->addWidget(m_list, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(importButton, &QPushButton::clicked, this, &PackChooserDialog::importFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(m_list, &QListWidget::currentRowChanged, this,
            [this](int row) { m_buttons->button(QDialogButtonBox::Open)->setEnabled(row >= 0); });
    reload();
}

QString PackChooserDialog::packId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void PackChooserDialog::reload(const QString &select)
{
    m_list->clear();
    auto packs = m_store.packs();
    if (!packs) {
        m_message->setText(packs.error().message);
        return;
    }
    for (const store::PackSummary &p : std::as_const(*packs)) {
        auto *item = new QListWidgetItem(tr("%1 — %Ln pair(s)", nullptr, int(p.comparisonCount)).arg(isolated(p.title)), m_list);
        item->setData(Qt::UserRole, p.id);
        item->setToolTip(p.id);
        if (p.id == select || (select.isEmpty() && m_list->count() == 1))
            m_list->setCurrentItem(item);
    }
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(m_list->currentItem() != nullptr);
    if (packs->isEmpty())
        m_message->setText(tr("No pack yet: import one to start."));
}

void PackChooserDialog::importFile()
{
    const QString file =
        Dialogs::openFileName(this, tr("Import task pack"), QString(), tr("Task packs (*.jsonl *.json);;All files (*)"));
    if (file.isEmpty())
        return;
    Progress progress;
    store::ImportOptions options;
    options.progress = &progress;
    std::optional<Result<store::ImportReport>> report;
    runWithProgress(this, tr("Importing %1").arg(QFileInfo(file).fileName()), progress,
                    [&] { report.emplace(m_store.importPack(file, options)); });
    if (!*report) {
        m_message->setText((*report).error().code == Error::Code::Cancelled
                               ? tr("Import cancelled; the store is as it was.")
                               : tr("Not imported: %1").arg((*report).error().message));
        return;
    }
    m_message->setText((*report)->alreadyPresent ? tr("This pack was already in the store; nothing changed.")
                                                 : tr("Imported %Ln item(s).", nullptr, int((*report)->items)));
    reload((*report)->packId);
}

QString startupTitle()
{
    return QCoreApplication::translate("majlis::ui::Startup", "Majlis");
}

QString importingPack(const QString &fileName)
{
    return QCoreApplication::translate("majlis::ui::Startup", "Importing %1").arg(fileName);
}

QString packNotOpened(const QString &reason)
{
    return QCoreApplication::translate("majlis::ui::Startup", "The pack could not be opened:\n%1").arg(reason);
}

}  // namespace majlis::ui
