<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="+59"/>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An unexpected error occurred; the action was not completed. What was already saved is safe. If it happens again, tell your head of service.</source>
        <translation>Une erreur inattendue s&apos;est produite : l&apos;action n&apos;a pas abouti. Ce qui était déjà enregistré est conservé. Si cela se reproduit, prévenez votre chef de service.</translation>
    </message>
</context>
<context>
    <name>CollectiveActionsPage</name>
    <message>
        <location filename="../../ui/pages/collective.py" line="+59"/>
        <source>New collective action</source>
        <translation>Nouvelle action collective</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not recorded</source>
        <translation>Non renseigné</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Create the action</source>
        <translation>Créer l&apos;action</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Title:</source>
        <translation>Intitulé&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type:</source>
        <translation>Type&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Families concerned:</source>
        <translation>Familles concernées&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a session to the selected action</source>
        <translation>Ajouter une séance à l&apos;action sélectionnée</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. 2,5 or 2h30</source>
        <translation>ex. 2,5 ou 2h30</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a staff member…</source>
        <translation>Ajouter un professionnel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add the session</source>
        <translation>Ajouter la séance</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date:</source>
        <translation>Date&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours per staff member:</source>
        <translation>Heures par professionnel&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff present:</source>
        <translation>Professionnels présents&#xa0;:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Families</source>
        <translation>Familles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+38"/>
        <source>Collective actions</source>
        <translation>Actions collectives</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staff</source>
        <translation>Professionnels</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sessions of the selected action</source>
        <translation>Séances de l&apos;action sélectionnée</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Collective actions:</source>
        <translation>Actions collectives&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sessions of the selected action:</source>
        <translation>Séances de l&apos;action sélectionnée&#xa0;:</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>NR</source>
        <translation>NR</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Select an action in the list.</source>
        <translation>Sélectionnez une action dans la liste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action: {0}</source>
        <translation>Action&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Collective action created.</source>
        <translation>Action collective créée.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select an action in the list first.</source>
        <translation>Sélectionnez d&apos;abord une action dans la liste.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Session added.</source>
        <translation>Séance ajoutée.</translation>
    </message>
</context>
<context>
    <name>CreateBaseDialog</name>
    <message>
        <location filename="../../ui/dialogs/create_base.py" line="+41"/>
        <source>Create the service&apos;s database</source>
        <translation>Créer la base du service</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No database was found on this computer. Create the database of your service: it is one encrypted file, saved here:
{0}</source>
        <translation>Aucune base n&apos;a été trouvée sur cet ordinateur. Créez la base de votre service&#xa0;: c&apos;est un fichier chiffré, enregistré ici&#xa0;:
{0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. SPS of the North district</source>
        <translation>ex. SPS du secteur Nord</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name of the service:</source>
        <translation>Nom du service&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase:</source>
        <translation>Phrase de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase again:</source>
        <translation>Phrase de passe (confirmation)&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Important: write the passphrase down and keep it in a safe place. In this version it cannot be recovered: if it is forgotten, nobody can read the data of this database any more. Recovery keys will come in a later version.</source>
        <translation>Important&#xa0;: notez la phrase de passe et conservez-la en lieu sûr. Dans cette version, elle ne peut pas être récupérée&#xa0;: si elle est oubliée, plus personne ne pourra lire les données de cette base. Les clés de récupération arriveront dans une version ultérieure.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I have noted the passphrase and understand it cannot be recovered</source>
        <translation>J&apos;ai noté la phrase de passe et je comprends qu&apos;elle ne peut pas être récupérée</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create the database</source>
        <translation>Créer la base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Enter the name of the service.</source>
        <translation>Saisissez le nom du service.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter a passphrase: it cannot be empty.</source>
        <translation>Saisissez une phrase de passe&#xa0;: elle ne peut pas être vide.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passphrases are different: type the same passphrase twice.</source>
        <translation>Les deux phrases de passe sont différentes&#xa0;: saisissez deux fois la même phrase de passe.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick the box to confirm that you have noted the passphrase.</source>
        <translation>Cochez la case pour confirmer que vous avez noté la phrase de passe.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The database could not be created because of an unexpected error.</source>
        <translation>La base n&apos;a pas pu être créée à cause d&apos;une erreur inattendue.</translation>
    </message>
</context>
<context>
    <name>ErrorBox</name>
    <message>
        <location filename="../../ui/widgets/forms.py" line="+106"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
</context>
<context>
    <name>FieldPage</name>
    <message>
        <location filename="../../ui/pages/field.py" line="+71"/>
        <location line="+72"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>End:</source>
        <translation>Fin&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New sector…</source>
        <translation>Nouveau secteur…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No staff member yet: add the team&apos;s members first.</source>
        <translation>Aucun professionnel pour l&apos;instant&#xa0;: ajoutez d&apos;abord les membres de l&apos;équipe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a staff member…</source>
        <translation>Ajouter un professionnel…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Anonymous contacts (young people met, not identified)</source>
        <translation>Rencontres anonymes (jeunes rencontrés, non identifiés)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What you noticed on the territory. Never write names.</source>
        <translation>Ce que vous avez observé sur le territoire. N&apos;écrivez jamais de noms.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the field session</source>
        <translation>Enregistrer la sortie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date:</source>
        <translation>Date&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start:</source>
        <translation>Début&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind:</source>
        <translation>Type de sortie&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sector:</source>
        <translation>Secteur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff present:</source>
        <translation>Professionnels présents&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adults met (parents, inhabitants):</source>
        <translation>Adultes rencontrés (parents, habitants)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partners met:</source>
        <translation>Partenaires rencontrés&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Observation:</source>
        <translation>Observation territoriale&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Times</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sector</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contacts</source>
        <translation>Rencontres</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recorded field sessions</source>
        <translation>Sorties enregistrées</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recorded field sessions:</source>
        <translation>Sorties enregistrées&#xa0;:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Field work</source>
        <translation>Terrain</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(no sector)</source>
        <translation>(aucun secteur)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The end time must differ from the start time.</source>
        <translation>L&apos;heure de fin doit être différente de l&apos;heure de début.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Duration: {0} (ends the next day)</source>
        <translation>Durée&#xa0;: {0} (se termine le lendemain)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration: {0}</source>
        <translation>Durée&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Field session saved: {0}, {1} contacts.</source>
        <translation>Sortie enregistrée&#xa0;: {0}, {1} rencontres.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+44"/>
        <source>sps_desk — {0}</source>
        <translation>sps_desk — {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sections</source>
        <translation>Rubriques</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a staff member…</source>
        <translation>Ajouter un professionnel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Report in progress</source>
        <translation>Rapport en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait for the end of the report&apos;s generation before closing.</source>
        <translation>Attendez la fin de la génération du rapport avant de fermer.</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../ui/pages/base.py" line="+66"/>
        <source>Staff member added to the team.</source>
        <translation>Professionnel ajouté à l&apos;équipe.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sector added.</source>
        <translation>Secteur ajouté.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../ui/pages/report.py" line="+52"/>
        <source>The report is written as a PDF file, with the statistics file (JSON) for the Département. Both hold aggregated figures only.</source>
        <translation>Le rapport est écrit en PDF, avec le fichier statistique (JSON) destiné au Département. Les deux ne contiennent que des chiffres agrégés.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Generate the report</source>
        <translation>Générer le rapport</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Progress of the generation</source>
        <translation>Avancement de la génération</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current step</source>
        <translation>Étape en cours</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files written</source>
        <translation>Fichiers écrits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the PDF</source>
        <translation>Ouvrir le PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Year:</source>
        <translation>Année&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output folder:</source>
        <translation>Dossier de sortie&#xa0;:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Folder of the report</source>
        <translation>Dossier du rapport</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose the folder where to write the report.</source>
        <translation>Choisissez le dossier où écrire le rapport.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Files written:
{0}
{1}</source>
        <translation>Fichiers écrits&#xa0;:
{0}
{1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report generated.</source>
        <translation>Rapport généré.</translation>
    </message>
</context>
<context>
    <name>ReportWorker</name>
    <message>
        <location filename="../../ui/worker.py" line="+50"/>
        <source>The report could not be written in this folder ({0}). Choose a folder you can write to, and check there is free space.</source>
        <translation>Le rapport n&apos;a pas pu être écrit dans ce dossier ({0}). Choisissez un dossier où vous pouvez écrire et vérifiez qu&apos;il reste de la place.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The report could not be generated because of an unexpected error. Tell your head of service.</source>
        <translation>Le rapport n&apos;a pas pu être généré à cause d&apos;une erreur inattendue. Prévenez votre chef de service.</translation>
    </message>
</context>
<context>
    <name>Saving</name>
    <message>
        <location filename="../../ui/saving.py" line="+23"/>
        <source>The record could not be saved because of an unexpected error; nothing was written. Try again, and tell your head of service if it happens again.</source>
        <translation>L&apos;enregistrement a échoué à cause d&apos;une erreur inattendue&#xa0;: rien n&apos;a été écrit. Réessayez, et prévenez votre chef de service si cela se reproduit.</translation>
    </message>
</context>
<context>
    <name>SectorDialog</name>
    <message>
        <location filename="../../ui/dialogs/sector.py" line="+27"/>
        <source>Add a sector</source>
        <translation>Ajouter un secteur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commune:</source>
        <translation>Commune&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neighbourhood (quartier):</source>
        <translation>Quartier&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add the sector</source>
        <translation>Ajouter le secteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../ui/dialogs/staff.py" line="+37"/>
        <source>Team: add a staff member</source>
        <translation>Équipe&#xa0;: ajouter un professionnel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Initials or a first name are enough.</source>
        <translation>Des initiales ou un prénom suffisent.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Display name:</source>
        <translation>Nom affiché&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:</source>
        <translation>Fonction&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FTE (1 = full time):</source>
        <translation>ETP (1 = temps plein)&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add to the team</source>
        <translation>Ajouter à l&apos;équipe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>SupportsPage</name>
    <message>
        <location filename="../../ui/pages/supports.py" line="+63"/>
        <location line="+88"/>
        <source>(record a young person first)</source>
        <translation>(enregistrez d&apos;abord un jeune)</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Issues at the origin of the support</source>
        <translation>Problématiques à l&apos;origine de l&apos;accompagnement</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open the support</source>
        <translation>Ouvrir l&apos;accompagnement</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Young person:</source>
        <translation>Jeune&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start date:</source>
        <translation>Date de début&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin of the relation:</source>
        <translation>Origine de la rencontre&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referent:</source>
        <translation>Référent&#xa0;:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Young person</source>
        <translation>Jeune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referent</source>
        <translation>Référent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issues</source>
        <translation>Problématiques</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+38"/>
        <source>Supports</source>
        <translation>Accompagnements</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Close the selected support</source>
        <translation>Clore l&apos;accompagnement sélectionné</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close the support</source>
        <translation>Clore l&apos;accompagnement</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>End date:</source>
        <translation>Date de fin&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>Motif de fin&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Supports:</source>
        <translation>Accompagnements&#xa0;:</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(choose a young person)</source>
        <translation>(choisir un jeune)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(no referent)</source>
        <translation>(aucun référent)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ongoing</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed on {0} ({1})</source>
        <translation>Clos le {0} ({1})</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Select a support in the list.</source>
        <translation>Sélectionnez un accompagnement dans la liste.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This support is already closed.</source>
        <translation>Cet accompagnement est déjà clos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Support of {0}, started on {1}.</source>
        <translation>Accompagnement de {0}, commencé le {1}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a young person (record them first on the Young people page).</source>
        <translation>Choisissez un jeune (enregistrez-le d&apos;abord dans la page Jeunes).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Support opened.</source>
        <translation>Accompagnement ouvert.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Support closed.</source>
        <translation>Accompagnement clos.</translation>
    </message>
</context>
<context>
    <name>TallyGrid</name>
    <message>
        <location filename="../../ui/widgets/tally_grid.py" line="+54"/>
        <source>Total of anonymous contacts</source>
        <translation>Total des rencontres anonymes</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Total: {0} anonymous contacts</source>
        <translation>Total&#xa0;: {0} rencontres anonymes</translation>
    </message>
</context>
<context>
    <name>TimePage</name>
    <message>
        <location filename="../../ui/pages/time_entries.py" line="+71"/>
        <source>◀ Previous week</source>
        <translation>◀ Semaine précédente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next week ▶</source>
        <translation>Semaine suivante ▶</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Week of:</source>
        <translation>Semaine du&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff member</source>
        <translation>Professionnel</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hours of the week</source>
        <translation>Heures de la semaine</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Totals of the week by category</source>
        <translation>Totaux de la semaine par catégorie</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hours of the week:</source>
        <translation>Heures de la semaine&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Totals by category:</source>
        <translation>Totaux par catégorie&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add hours</source>
        <translation>Ajouter des heures</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. 1,5 or 1h30</source>
        <translation>ex. 1,5 ou 1h30</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the hours</source>
        <translation>Ajouter les heures</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Street work, supports and collective actions are counted from their sessions: do not type them here.</source>
        <translation>Le travail de rue, les accompagnements et les actions collectives sont comptés à partir de leurs séances&#xa0;: ne les saisissez pas ici.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Staff member:</source>
        <translation>Professionnel&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date:</source>
        <translation>Date&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category:</source>
        <translation>Catégorie&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours:</source>
        <translation>Heures&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FTE</source>
        <translation>ETP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Team members</source>
        <translation>Membres de l&apos;équipe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a staff member…</source>
        <translation>Ajouter un professionnel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Team members:</source>
        <translation>Membres de l&apos;équipe&#xa0;:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>From Monday {0} to Sunday {1}</source>
        <translation>Du lundi {0} au dimanche {1}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Field session</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intervention</source>
        <translation>Intervention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collective action</source>
        <translation>Action collective</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Typed by hand</source>
        <translation>Saisie manuelle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a staff member (add the team first).</source>
        <translation>Choisissez un professionnel (ajoutez d&apos;abord l&apos;équipe).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Hours added.</source>
        <translation>Heures ajoutées.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/dialogs/unlock.py" line="+41"/>
        <source>Open the service&apos;s database</source>
        <translation>Ouvrir la base du service</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the passphrase of the database {0}.</source>
        <translation>Saisissez la phrase de passe de la base {0}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passphrase:</source>
        <translation>Phrase de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Type your passphrase.</source>
        <translation>Saisissez votre phrase de passe.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The database could not be opened because of an unexpected error.</source>
        <translation>La base n&apos;a pas pu être ouverte à cause d&apos;une erreur inattendue.</translation>
    </message>
</context>
<context>
    <name>YoungPeoplePage</name>
    <message>
        <location filename="../../ui/pages/young_people.py" line="+61"/>
        <source>A pseudonymous code (such as J-7KQ2MX) is generated when saving. Names are never needed.</source>
        <translation>Un code pseudonyme (comme J-7KQ2MX) est créé à l&apos;enregistrement. Aucun nom n&apos;est jamais demandé.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Birth date known</source>
        <translation>Date de naissance connue</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Precision:</source>
        <translation>Précision&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not recorded</source>
        <translation>Non renseigné</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the young person</source>
        <translation>Enregistrer le jeune</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code of the last young person saved</source>
        <translation>Code du dernier jeune enregistré</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nickname:</source>
        <translation>Surnom&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex:</source>
        <translation>Sexe&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birth date:</source>
        <translation>Date de naissance&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Situation:</source>
        <translation>Situation&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sector:</source>
        <translation>Secteur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the care of child welfare (ASE):</source>
        <translation>Confié à l&apos;ASE&#xa0;:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nickname</source>
        <translation>Surnom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Situation</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+24"/>
        <source>Young people</source>
        <translation>Jeunes</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Young people:</source>
        <translation>Jeunes&#xa0;:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>(no sector)</source>
        <translation>(aucun secteur)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} years</source>
        <translation>{0} ans</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>about {0} years</source>
        <translation>environ {0} ans</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Last young person saved: {0}</source>
        <translation>Dernier jeune enregistré&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Young person saved under the code {0}.</source>
        <translation>Jeune enregistré sous le code {0}.</translation>
    </message>
</context>
</TS>
