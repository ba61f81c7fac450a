<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="+73"/>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>An unexpected error occurred; the action was not completed. What was already saved is safe. If it happens again, tell your head of service.</source>
        <translation>Une erreur inattendue s&apos;est produite : l&apos;action n&apos;a pas abouti. Ce qui était déjà enregistré est conservé. Si cela se reproduit, prévenez votre chef de service.</translation>
    </message>
</context>
<context>
    <name>BackupScheduler</name>
    <message>
        <location filename="../../ui/backups.py" line="+244"/>
        <source>Backing up…</source>
        <translation>Sauvegarde en cours…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Backup written and checked: {0}</source>
        <translation>Sauvegarde écrite et vérifiée&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The backup was not made: {0}</source>
        <translation>La sauvegarde n&apos;a pas été faite&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Automatic backup</source>
        <translation>Sauvegarde automatique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup at closing was not made: {0}</source>
        <translation>La sauvegarde de fermeture n&apos;a pas été faite&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <location line="-237"/>
        <source>The backup failed because of an unexpected error; nothing was written. Tell your head of service.</source>
        <translation>La sauvegarde a échoué à cause d&apos;une erreur inattendue&#xa0;; rien n&apos;a été écrit. Prévenez votre chef de service.</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../ui/dialogs/backups.py" line="+48"/>
        <source>Automatic backups</source>
        <translation>Sauvegardes automatiques</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The base is backed up when the window closes and once a day while it is open, into a folder on another disk: a USB key or a network folder. The last 7 daily, 4 weekly and 12 monthly backups are kept.</source>
        <translation>La base est sauvegardée à la fermeture de la fenêtre et une fois par jour tant qu&apos;elle est ouverte, dans un dossier sur un autre disque&#xa0;: une clé USB ou un dossier réseau. Les 7 dernières sauvegardes quotidiennes, 4 hebdomadaires et 12 mensuelles sont gardées.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Folder:</source>
        <translation>Dossier&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last backup off this disk:</source>
        <translation>Dernière sauvegarde hors de ce disque&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the folder…</source>
        <translation>Choisir le dossier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop automatic backups</source>
        <translation>Arrêter les sauvegardes automatiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Backups of this base in the folder:</source>
        <translation>Sauvegardes de cette base dans le dossier&#xa0;:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>chosen on another computer: choose it again on this one</source>
        <translation>choisi sur un autre ordinateur&#xa0;: choisissez-le à nouveau sur celui-ci</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No backup outside the base&apos;s disk yet: « Choose the folder… » on a USB key or a network folder.</source>
        <translation>Aucune sauvegarde hors du disque de la base pour l&apos;instant : « Choisir le dossier… » sur une clé USB ou un dossier réseau.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>automatic</source>
        <translation>automatique</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>asked for</source>
        <translation>demandée</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder of the backups</source>
        <translation>Dossier des sauvegardes</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This folder is on the same disk as the base: if the disk fails, the backups are lost with it. Prefer a USB key or a network folder.</source>
        <translation>Ce dossier est sur le même disque que la base&#xa0;: si le disque lâche, les sauvegardes sont perdues avec elle. Préférez une clé USB ou un dossier réseau.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Where to write the backup</source>
        <translation>Où écrire la sauvegarde</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <location filename="../../ui/checks_view.py" line="+66"/>
        <source>{0}: last activity on {1}</source>
        <translation>{0}&#xa0;: dernière activité le {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: neither sex nor birth year</source>
        <translation>{0}&#xa0;: ni sexe ni année de naissance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: sex not stated</source>
        <translation>{0}&#xa0;: sexe non précisé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: birth year unknown</source>
        <translation>{0}&#xa0;: année de naissance inconnue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outing of {0}, {1}</source>
        <translation>Sortie du {0}, {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: {1} on {2}</source>
        <translation>{0}&#xa0;: {1} le {2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: {1} in the week of {2}</source>
        <translation>{0}&#xa0;: {1} la semaine du {2}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}: 1 entry ({1}) on {2}, outside the activity periods</source>
        <translation>{0}&#xa0;: 1 saisie ({1}) le {2}, hors des périodes d&apos;activité</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1} entries ({2}) from {3} to {4}, outside the activity periods</source>
        <translation>{0}&#xa0;: {1} saisies ({2}) du {3} au {4}, hors des périodes d&apos;activité</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>« {0} »: no session this year</source>
        <translation>« {0} »&#xa0;: aucune séance cette année</translation>
    </message>
</context>
<context>
    <name>ChecksDialog</name>
    <message>
        <location line="+236"/>
        <source>To check before the report of {0}</source>
        <translation>À vérifier avant le rapport {0}</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location line="-195"/>
        <location line="+36"/>
        <source>Checking the data…</source>
        <translation>Vérification des données…</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>State of the check</source>
        <translation>État de la vérification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>To check</source>
        <translation>À vérifier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checked</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines to check</source>
        <translation>Lignes à vérifier</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show the lines already checked</source>
        <translation>Afficher les lignes déjà vérifiées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click a line to open its record. Tick « Checked » once you have looked at it: it is kept, and merged with the laptops.</source>
        <translation>Cliquez sur une ligne pour ouvrir la fiche. Cochez « Vérifié » quand vous l&apos;avez regardée&#xa0;: la coche est gardée, et fusionnée avec les ordinateurs portables.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click a line to open its record. Only the head of service marks lines as checked.</source>
        <translation>Cliquez sur une ligne pour ouvrir la fiche. Seul le chef de service marque les lignes comme vérifiées.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Nothing to check: every rule is satisfied.</source>
        <translation>Rien à vérifier&#xa0;: toutes les règles sont respectées.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+101"/>
        <source>Every line has been checked.</source>
        <translation>Toutes les lignes ont été vérifiées.</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Open the record</source>
        <translation>Ouvrir la fiche</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+57"/>
        <source>checked</source>
        <translation>vérifiée</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+57"/>
        <source>not checked</source>
        <translation>non vérifiée</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>{0} line to check.</source>
        <translation>{0} ligne à vérifier.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} lines to check.</source>
        <translation>{0} lignes à vérifier.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A merge or an import is writing to the base: tick the line again when it ends.</source>
        <translation>Une fusion ou un import écrit dans la base&#xa0;: cochez à nouveau la ligne quand il sera terminé.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The line could not be marked because of an unexpected error.</source>
        <translation>La ligne n&apos;a pas pu être marquée à cause d&apos;une erreur inattendue.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Line marked as checked.</source>
        <translation>Ligne marquée comme vérifiée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line marked as not checked.</source>
        <translation>Ligne marquée comme non vérifiée.</translation>
    </message>
</context>
<context>
    <name>ChecksSummary</name>
    <message>
        <location line="+46"/>
        <source>To check before the report</source>
        <translation>À vérifier avant le rapport</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See the lines…</source>
        <translation>Voir les lignes…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Checking the data…</source>
        <translation>Vérification des données…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the check of the data</source>
        <translation>la vérification des données</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Nothing to check.</source>
        <translation>Rien à vérifier.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every line checked.</source>
        <translation>Toutes les lignes sont vérifiées.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To check: {0} line.</source>
        <translation>À vérifier&#xa0;: {0} ligne.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To check: {0} lines.</source>
        <translation>À vérifier&#xa0;: {0} lignes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before the report of {0}:</source>
        <translation>Avant le rapport de {0}&#xa0;:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>To check before the report of {0}</source>
        <translation>À vérifier avant le rapport de {0}</translation>
    </message>
</context>
<context>
    <name>CollectiveActionsPage</name>
    <message>
        <location filename="../../ui/pages/collective.py" line="+103"/>
        <source>Collective action</source>
        <translation>Action collective</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not recorded</source>
        <translation>Non renseigné</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Anonymous participants (not identified)</source>
        <translation>Participants anonymes (non identifiés)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>name of a new partner</source>
        <translation>nom d&apos;un nouveau partenaire</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add the partner</source>
        <translation>Ajouter le partenaire</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Partner type:</source>
        <translation>Type de partenaire&#xa0;:</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+177"/>
        <source>Create the action</source>
        <translation>Créer l&apos;action</translation>
    </message>
    <message>
        <location line="-202"/>
        <source>Total: {0} anonymous participant</source>
        <translation>Total&#xa0;: {0} participant anonyme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total: {0} anonymous participants</source>
        <translation>Total&#xa0;: {0} participants anonymes</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>(choose the type)</source>
        <translation>(choisir le type)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel the changes</source>
        <translation>Annuler les modifications</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+3"/>
        <source>Young people taking part (code or nickname):</source>
        <translation>Jeunes participants (code ou surnom)&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Partners:</source>
        <translation>Partenaires&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New partner:</source>
        <translation>Nouveau partenaire&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add a session to the selected action</source>
        <translation>Ajouter une séance à l&apos;action sélectionnée</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. 2,5 or 2h30</source>
        <translation>ex. 2,5 ou 2h30</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+16"/>
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
        <location line="+30"/>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+118"/>
        <source>Collective actions</source>
        <translation>Actions collectives</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staff</source>
        <translation>Professionnels</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sessions of the selected action</source>
        <translation>Séances de l&apos;action sélectionnée</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Collective actions:</source>
        <translation>Actions collectives&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sessions of the selected action:</source>
        <translation>Séances de l&apos;action sélectionnée&#xa0;:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>collective action</source>
        <translation>action collective</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>session of a collective action</source>
        <translation>séance d&apos;une action collective</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>NR</source>
        <translation>NR</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select an action in the list.</source>
        <translation>Sélectionnez une action dans la liste.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action: {0}</source>
        <translation>Action&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Collective action created.</source>
        <translation>Action collective créée.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Collective action « {0} » deleted.</source>
        <translation>Action collective « {0} » supprimée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collective action « {0} » restored.</source>
        <translation>Action collective « {0} » rétablie.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session of {0} deleted.</source>
        <translation>Séance du {0} supprimée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session of {0} restored.</source>
        <translation>Séance du {0} rétablie.</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Collective action updated.</source>
        <translation>Action collective modifiée.</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>Editing: {0}</source>
        <translation>Modification&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <location line="+237"/>
        <source>Partner added.</source>
        <translation>Partenaire ajouté.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the partner&apos;s type (association, mission locale…).</source>
        <translation>Choisissez le type du partenaire (association, mission locale…).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select an action in the list first.</source>
        <translation>Sélectionnez d&apos;abord une action dans la liste.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Session added.</source>
        <translation>Séance ajoutée.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/dialogs/conflicts.py" line="+52"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sector</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff member</source>
        <translation>Professionnel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner</source>
        <translation>Partenaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Young person</source>
        <translation>Jeune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field session</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support</source>
        <translation>Accompagnement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intervention</source>
        <translation>Intervention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concern report</source>
        <translation>Information préoccupante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collective action</source>
        <translation>Action collective</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collective action session</source>
        <translation>Séance d&apos;action collective</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time entry</source>
        <translation>Temps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report texts</source>
        <translation>Textes du rapport</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>not recorded</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Two laptops changed these records since they last exchanged them. Nothing was overwritten: choose the version to keep. The laptops receive it with their next bundle.</source>
        <translation>Deux ordinateurs ont modifié ces fiches depuis leur dernier échange. Rien n&apos;a été écrasé&#xa0;: choisissez la version à garder. Les ordinateurs la recevront avec leur prochain paquet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Conflicts to resolve</source>
        <translation>Conflits à trancher</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Versions side by side</source>
        <translation>Versions côte à côte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the identity (recorded in the log)</source>
        <translation>Afficher l&apos;identité (inscrit au journal)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the head of service can choose the version to keep.</source>
        <translation>Seul le chef de service peut choisir la version à garder.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>this base</source>
        <translation>cette base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an unknown laptop</source>
        <translation>un ordinateur inconnu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Version {0}
by {1}
on {2} at {3}</source>
        <translation>Version {0}
par {1}
le {2} à {3}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(shown for now)</source>
        <translation>(affichée pour l&apos;instant)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No conflict to resolve.</source>
        <translation>Aucun conflit à trancher.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}: {1} field(s) differ.</source>
        <translation>{0}&#xa0;: {1} champ(s) diffèrent.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Keep version {0}</source>
        <translation>Garder la version {0}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Version {0} kept; the laptops will receive it with their next bundle.</source>
        <translation>Version {0} gardée&#xa0;; les ordinateurs la recevront avec leur prochain paquet.</translation>
    </message>
</context>
<context>
    <name>ConsolidationPage</name>
    <message>
        <location filename="../../ui/pages/consolidation.py" line="+54"/>
        <source>Département: consolidation of the services&apos; files</source>
        <translation>Département&#xa0;: consolidation des fichiers des services</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add the statistics file (.json) of each service, for one year. Each file is checked: a file altered after its export, not signed by its service, of another version, of another year or sent twice is refused. The first file of a service is accepted once you have compared its key&apos;s fingerprint with the one its head of service reads you.</source>
        <translation>Ajoutez le fichier statistique (.json) de chaque service, pour une même année. Chaque fichier est vérifié&#xa0;: un fichier modifié après son export, non signé par son service, d&apos;une autre version, d&apos;une autre année ou envoyé deux fois est refusé. Le premier fichier d&apos;un service est accepté une fois l&apos;empreinte de sa clé comparée avec celle que vous lit son chef de service.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Statistics files</source>
        <translation>Fichiers statistiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add files…</source>
        <translation>Ajouter des fichiers…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+149"/>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Output folder:</source>
        <translation>Dossier de sortie&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Consolidate</source>
        <translation>Consolider</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{0} — {1}, {2} ({3})</source>
        <translation>{0} — {1}, {2} ({3})</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0}: the service « {1} » now signs with another key (fingerprint {2}; registered: {3}). Accept it only if its head of service confirms a new base and reads you this new fingerprint. Are they the same?</source>
        <translation>{0}&#xa0;: le service « {1} » signe désormais avec une autre clé (empreinte {2}&#xa0;; enregistrée&#xa0;: {3}). N&apos;acceptez que si son chef de service confirme avoir changé de base et vous lit cette nouvelle empreinte. Sont-elles identiques&#xa0;?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0}: first file of the service « {1} ». Call its head of service and compare the fingerprint of its key, {2}, with the one they read you (« sps-desk key » on their base). Are they the same?</source>
        <translation>{0}&#xa0;: premier fichier du service « {1} ». Appelez son chef de service et comparez l&apos;empreinte de sa clé, {2}, avec celle qu&apos;il vous lit (« sps-desk key » sur sa base). Sont-elles identiques&#xa0;?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register of services</source>
        <translation>Registre des services</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Consolidation of {0} services written:
{1}
{2}</source>
        <translation>Consolidation de {0} services écrite&#xa0;:
{1}
{2}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Consolidating…</source>
        <translation>Consolidation en cours…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the consolidation</source>
        <translation>la consolidation</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Statistics files of the services</source>
        <translation>Fichiers statistiques des services</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics files (*.json)</source>
        <translation>Fichiers statistiques (*.json)</translation>
    </message>
</context>
<context>
    <name>CreateBaseDialog</name>
    <message>
        <location filename="../../ui/dialogs/create_base.py" line="+160"/>
        <source>Create the service&apos;s database</source>
        <translation>Créer la base du service</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No database was found on this computer. Create the database of your service: it is one encrypted file, saved here:
{0}</source>
        <translation>Aucune base n&apos;a été trouvée sur cet ordinateur. Créez la base de votre service&#xa0;: c&apos;est un fichier chiffré, enregistré ici&#xa0;:
{0}</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>e.g. SPS of the North district</source>
        <translation>ex. SPS du secteur Nord</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name of the service:</source>
        <translation>Nom du service&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase:</source>
        <translation>Phrase de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase again:</source>
        <translation>Phrase de passe (confirmation)&#xa0;:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Strength:</source>
        <translation>Robustesse&#xa0;:</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>The service&apos;s database (service chief)</source>
        <translation>La base du service (chef de service)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An educator&apos;s computer joining the service (with the chief&apos;s key)</source>
        <translation>L&apos;ordinateur d&apos;un éducateur, rattaché au service (avec la clé du chef)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the service&apos;s key…</source>
        <translation>Choisir la clé du service…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The .spskey file given by the service chief, or a photo of its QR code</source>
        <translation>Le fichier .spskey donné par le chef de service, ou une photo de son QR code</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+91"/>
        <source>Service chief</source>
        <translation>Chef de service</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Service&apos;s key:</source>
        <translation>Clé du service&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your name:</source>
        <translation>Votre nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Suggest a passphrase of 7 French words</source>
        <translation>Proposer une phrase de passe de 7 mots</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Important: write the passphrase down and keep it in a safe place. A recovery key will be shown once after creation: print it and lock it away. Without the passphrase and without the recovery key, nobody can read the data of this database any more.</source>
        <translation>Important&#xa0;: notez la phrase de passe et gardez-la en lieu sûr. Une clé de secours sera affichée une seule fois après la création&#xa0;: imprimez-la et rangez-la sous clé. Sans la phrase de passe ni la clé de secours, personne ne peut plus lire les données de cette base.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>I have noted the passphrase in a safe place</source>
        <translation>J&apos;ai noté la phrase de passe en lieu sûr</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Create the database</source>
        <translation>Créer la base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Create this computer&apos;s database</source>
        <translation>Créer la base de cet ordinateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No database was found on this computer. Create the database of this computer, joined to your service with the key given by your service chief: it is one encrypted file, saved here:
{0}</source>
        <translation>Aucune base n&apos;a été trouvée sur cet ordinateur. Créez la base de cet ordinateur, rattachée à votre service par la clé que votre chef de service vous a donnée&#xa0;: c&apos;est un fichier chiffré, enregistré ici&#xa0;:
{0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose the key given by your service chief: the service&apos;s name comes from it.</source>
        <translation>Choisissez la clé donnée par votre chef de service&#xa0;: le nom du service en vient.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The service&apos;s key</source>
        <translation>La clé du service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service key or photo of its QR code (*.spskey *.png *.jpg *.jpeg)</source>
        <translation>Clé du service ou photo de son QR code (*.spskey *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The file {0} cannot be read.</source>
        <translation>Le fichier {0} est illisible&#xa0;: vérifiez qu&apos;il est bien copié, ou demandez-le à nouveau au chef de service.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Key of the service « {0} », fingerprint {1}: check that the service chief&apos;s screen shows the same.</source>
        <translation>Clé du service « {0} », empreinte {1}&#xa0;: vérifiez que l&apos;écran du chef de service affiche la même.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Suggested passphrase, write it down: {0}</source>
        <translation>Phrase de passe proposée, notez-la&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>At least 80 bits are needed (CNIL).</source>
        <translation>Il faut au moins 80 bits (CNIL).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Strong enough (about {0} bits).</source>
        <translation>Suffisante (environ {0} bits).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Too weak: about {0} bits of 80.</source>
        <translation>Trop faible&#xa0;: environ {0} bits sur 80.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the service&apos;s key given by your service chief.</source>
        <translation>Choisissez la clé du service donnée par votre chef de service.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the name of the service.</source>
        <translation>Saisissez le nom du service.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter your name: it is shown in the audit log and to the service chief.</source>
        <translation>Saisissez votre nom&#xa0;: il apparaît dans le journal d&apos;audit et pour le chef de service.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter a passphrase: it cannot be empty.</source>
        <translation>Saisissez une phrase de passe&#xa0;: elle ne peut pas être vide.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passphrases are different: type the same passphrase twice.</source>
        <translation>Les deux phrases de passe sont différentes&#xa0;: saisissez deux fois la même phrase de passe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The passphrase is too weak: use at least 7 random words (the suggested passphrase will do), or 12 characters mixing capitals, small letters, digits and special characters, without the names of the service or its team.</source>
        <translation>La phrase de passe est trop faible&#xa0;: utilisez au moins 7 mots choisis au hasard (la phrase proposée convient), ou 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux, sans les noms du service ni de son équipe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tick the box to confirm that you have noted the passphrase.</source>
        <translation>Cochez la case pour confirmer que vous avez noté la phrase de passe.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The database could not be created because of an unexpected error.</source>
        <translation>La base n&apos;a pas pu être créée à cause d&apos;une erreur inattendue.</translation>
    </message>
</context>
<context>
    <name>DepartmentMenu</name>
    <message>
        <location filename="../../ui/department_menu.py" line="+33"/>
        <source>&amp;Département</source>
        <translation>&amp;Département</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Statistics file for the Département…</source>
        <translation>Fichier statistique pour le Département…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Consolidate the services&apos; files…</source>
        <translation>Consolider les fichiers des services…</translation>
    </message>
</context>
<context>
    <name>DeviceBundleDialog</name>
    <message>
        <location filename="../../ui/dialogs/device_bundle.py" line="+50"/>
        <source>Prepare a laptop&apos;s bundle</source>
        <translation>Préparer le paquet d&apos;un ordinateur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The bundle holds the service&apos;s reference data (sectors, partners, team) and the young people, supports and actions of the educator who uses this laptop. It is encrypted: only that laptop can open it.</source>
        <translation>Le paquet contient les données communes du service (secteurs, partenaires, équipe) et les jeunes, accompagnements et actions de l&apos;éducateur qui utilise cet ordinateur. Il est chiffré&#xa0;: seul cet ordinateur peut l&apos;ouvrir.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Laptop:</source>
        <translation>Ordinateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Educator:</source>
        <translation>Éducateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No laptop is known yet: merge a first bundle from each educator&apos;s laptop (Team › Merge bundles…).</source>
        <translation>Aucun ordinateur n&apos;est encore connu&#xa0;: intégrez d&apos;abord un paquet de l&apos;ordinateur de chaque éducateur (Équipe › Intégrer des paquets…).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the bundle…</source>
        <translation>Écrire le paquet…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>(nobody: reference data only)</source>
        <translation>(personne&#xa0;: données communes seulement)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bundle for the laptop</source>
        <translation>Paquet pour l&apos;ordinateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundles (*.spsb)</source>
        <translation>Paquets (*.spsb)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} is the database itself or one of its files: choose another name. Nothing was written.</source>
        <translation>{0} est la base elle-même ou l&apos;un de ses fichiers&#xa0;: choisissez un autre nom. Rien n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <location filename="../../ui/dialogs/devices.py" line="+41"/>
        <location line="+11"/>
        <source>Laptops</source>
        <translation>Ordinateurs</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Laptops whose bundles were merged into this base. Revoke a laptop that was lost or stolen, or whose educator left the service: its bundles are then refused, and it stops sending once it receives your next bundle.</source>
        <translation>Ordinateurs dont les paquets ont été intégrés à cette base. Révoquez un ordinateur perdu ou volé, ou dont l&apos;éducateur a quitté le service&#xa0;: ses paquets sont alors refusés, et il cesse d&apos;en envoyer dès qu&apos;il reçoit votre prochain paquet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Laptop</source>
        <translation>Ordinateur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Staff member</source>
        <translation>Professionnel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fingerprint</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last bundle merged</source>
        <translation>Dernier paquet intégré</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No laptop yet: a laptop is known once its first bundle has been merged here.</source>
        <translation>Aucun ordinateur pour l&apos;instant&#xa0;: un ordinateur est connu dès que son premier paquet a été intégré ici.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke…</source>
        <translation>Révoquer…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Revoke a laptop</source>
        <translation>Révoquer un ordinateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the laptop « {0} » (fingerprint {1})? Its bundles will be refused for good. If its educator still works in the service, they create a new base joined to the service, which you approve as a new laptop.</source>
        <translation>Révoquer l&apos;ordinateur « {0} » (empreinte {1})&#xa0;? Ses paquets seront refusés définitivement. Si son éducateur travaille toujours dans le service, il crée une nouvelle base rattachée au service, que vous approuverez comme un nouvel ordinateur.</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message>
        <location filename="../../ui/drafting.py" line="+261"/>
        <source>Restore</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location line="+114"/>
        <source>An entry you were typing on {0} at {1} was not saved ({2}). Restore it?</source>
        <translation>Une saisie commencée le {0} à {1} n&apos;a pas été enregistrée ({2}). La reprendre&#xa0;?</translation>
    </message>
</context>
<context>
    <name>EndOfServiceDialog</name>
    <message>
        <location filename="../../ui/dialogs/end_of_service.py" line="+38"/>
        <source>End of service: destroy all data</source>
        <translation>Fin de service&#xa0;: détruire toutes les données</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every personal data of the service will be destroyed for good: the database, its {0} file(s) with backups, key slots and settings. A destruction certificate will be written into the folder you choose.</source>
        <translation>Toutes les données personnelles du service seront définitivement détruites&#xa0;: la base, ses {0} fichier(s) avec les sauvegardes, les clés et les réglages. Un certificat de destruction sera écrit dans le dossier de votre choix.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>I understand that nothing can be recovered</source>
        <translation>Je comprends que rien ne pourra être récupéré</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the name of the service to confirm:</source>
        <translation>Saisissez le nom du service pour confirmer&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder of the certificate:</source>
        <translation>Dossier du certificat&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destroy all data</source>
        <translation>Détruire toutes les données</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Type the exact name of the service.</source>
        <translation>Saisissez exactement le nom du service.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose an existing folder for the certificate.</source>
        <translation>Choisissez un dossier existant pour le certificat.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick the box to confirm.</source>
        <translation>Cochez la case pour confirmer.</translation>
    </message>
</context>
<context>
    <name>ErasureDialog</name>
    <message>
        <location filename="../../ui/dialogs/erasure.py" line="+74"/>
        <source>Erase a young person</source>
        <translation>Effacer un jeune</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Erasing the young person {0} removes for good:</source>
        <translation>L&apos;effacement du jeune {0} supprime définitivement&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the erasure removes</source>
        <translation>Ce que l&apos;effacement supprime</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This cannot be undone. Free texts that name the young person keep the rest of their text, with « [effacé] » in place of the name. A backup taken before still holds the young person: restoring it erases them again.</source>
        <translation>C&apos;est irréversible. Les textes libres qui nomment le jeune gardent le reste de leur texte, avec « [effacé] » à la place du nom. Une sauvegarde faite avant contient encore le jeune&#xa0;: la restaurer l&apos;efface à nouveau.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Erase for good</source>
        <translation>Effacer définitivement</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Young person erased: {0} free text(s) redacted, {1} draft(s) removed.</source>
        <translation>Jeune effacé&#xa0;: {0} texte(s) libre(s) caviardé(s), {1} brouillon(s) supprimé(s).</translation>
    </message>
</context>
<context>
    <name>ErrorBox</name>
    <message>
        <location filename="../../ui/widgets/forms.py" line="+111"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
</context>
<context>
    <name>ExportPreviewDialog</name>
    <message>
        <location filename="../../ui/dialogs/export_preview.py" line="+76"/>
        <source>What leaves this computer</source>
        <translation>Ce qui quitte cet ordinateur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Year:</source>
        <translation>Année&#xa0;:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>File to write</source>
        <translation>Fichier à écrire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the file</source>
        <translation>Enregistrer le fichier</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preparing the file…</source>
        <translation>Préparation du fichier…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the statistics file</source>
        <translation>le fichier statistique</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Changed since the last release of this year</source>
        <translation>Ce qui a changé depuis la dernière diffusion de cette année</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file contains</source>
        <translation>Le fichier contient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden by statistical secrecy</source>
        <translation>Masqué par le secret statistique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never in the file</source>
        <translation>Jamais dans le fichier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the statistics file</source>
        <translation>Enregistrer le fichier statistique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics file (*.json)</source>
        <translation>Fichier statistique (*.json)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot write {0}: nothing was saved.</source>
        <translation>Impossible d&apos;écrire {0}&#xa0;: rien n&apos;a été enregistré.</translation>
    </message>
</context>
<context>
    <name>FieldPage</name>
    <message>
        <location filename="../../ui/pages/field.py" line="+117"/>
        <location line="+128"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>End:</source>
        <translation>Fin&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New sector…</source>
        <translation>Nouveau secteur…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No staff member yet: add the team&apos;s members first.</source>
        <translation>Aucun professionnel pour l&apos;instant&#xa0;: ajoutez d&apos;abord les membres de l&apos;équipe.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Anonymous contacts (young people met, not identified)</source>
        <translation>Rencontres anonymes (jeunes rencontrés, non identifiés)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>What you noticed on the territory. Never write names.</source>
        <translation>Ce que vous avez observé sur le territoire. N&apos;écrivez jamais de noms.</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+400"/>
        <location line="+35"/>
        <source>Save the field session</source>
        <translation>Enregistrer la sortie</translation>
    </message>
    <message>
        <location line="-444"/>
        <source>Observation warning</source>
        <translation>Alerte sur l&apos;observation</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear the form</source>
        <translation>Vider le formulaire</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Adults met (parents, inhabitants):</source>
        <translation>Adultes rencontrés (parents, habitants)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partners met:</source>
        <translation>Partenaires rencontrés&#xa0;:</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Add a staff &amp;member…</source>
        <translation>Ajouter un professionne&amp;l…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Warning: this note contains the name, first name or nickname of a young person. Observations are about the territory: remove it.</source>
        <translation>Attention : cette note contient le nom, le prénom ou le surnom d&apos;un jeune. L&apos;observation porte sur le territoire : retirez-le.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Type de sortie&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;ate:</source>
        <translation>D&amp;ate&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start:</source>
        <translation>Dé&amp;but&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff prese&amp;nt:</source>
        <translation>Professio&amp;nnels présents&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Young people met (code or nickname):</source>
        <translation>&amp;Jeunes rencontrés (code ou surnom)&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Secto&amp;r:</source>
        <translation>&amp;Secteur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Observation:</source>
        <translation>&amp;Observation territoriale&#xa0;:</translation>
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
        <location line="+6"/>
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
        <location line="+12"/>
        <source>Year of the field sessions shown</source>
        <translation>Année des sorties affichées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recorded field sessions</source>
        <translation>Sorties enregistrées</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Recorded field sessions:</source>
        <translation>Sorties enregistrées&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year:</source>
        <translation>Année&#xa0;:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>field session</source>
        <translation>sortie</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Field work</source>
        <translation>Terrain</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>(no sector)</source>
        <translation>(aucun secteur)</translation>
    </message>
    <message>
        <location line="+93"/>
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
        <location line="+14"/>
        <source>Outing ending the next day</source>
        <translation>Sortie finissant le lendemain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This outing starts at {0} and ends the next day at {1}, so it lasts {2}. Is that right?</source>
        <translation>Cette sortie commence à {0} et finit le lendemain à {1}&#xa0;: elle dure donc {2}. Est-ce bien cela&#xa0;?</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Young person created under the code {0}.</source>
        <translation>Jeune créé sous le code {0}.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Field session updated.</source>
        <translation>Sortie modifiée.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Field session saved: {0} on {1}, {2}, {3} contact.</source>
        <translation>Sortie enregistrée&#xa0;: {0} le {1}, {2}, {3} rencontre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field session saved: {0} on {1}, {2}, {3} contacts.</source>
        <translation>Sortie enregistrée&#xa0;: {0} le {1}, {2}, {3} rencontres.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Editing the field session of {0}.</source>
        <translation>Modification de la sortie du {0}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Field session of {0} deleted.</source>
        <translation>Sortie du {0} supprimée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field session of {0} restored.</source>
        <translation>Sortie du {0} rétablie.</translation>
    </message>
</context>
<context>
    <name>FrenchDateEdit</name>
    <message>
        <location filename="../../ui/widgets/date_edit.py" line="+116"/>
        <source>“{0}” is not a complete date: the date stays {1}.</source>
        <translation>«&#xa0;{0}&#xa0;» n&apos;est pas une date complète&#xa0;: la date reste le {1}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{0}” is not a complete date: type it as dd/mm/yyyy (for example 16/11/2026), or press Tab again to keep {1}.</source>
        <translation>«&#xa0;{0}&#xa0;» n&apos;est pas une date complète&#xa0;: tapez-la sous la forme jj/mm/aaaa (par exemple 16/11/2026), ou appuyez de nouveau sur Tab pour garder le {1}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0:02d}/{1:02d}/{2} does not exist: check the day and the month.</source>
        <translation>Le {0:02d}/{1:02d}/{2} n&apos;existe pas&#xa0;: vérifiez le jour et le mois.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} is out of range: type a date between {1} and {2}.</source>
        <translation>Le {0} est hors des limites&#xa0;: tapez une date entre le {1} et le {2}.</translation>
    </message>
</context>
<context>
    <name>FrenchTimeEdit</name>
    <message>
        <location filename="../../ui/widgets/time_edit.py" line="+104"/>
        <source>“{0}” is not a time: the time stays {1}.</source>
        <translation>«&#xa0;{0}&#xa0;» n&apos;est pas une heure&#xa0;: l&apos;heure reste {1}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0:02d}:{1:02d} is not a time: hours go from 00 to 23 and minutes from 00 to 59. The time stays {2}.</source>
        <translation>{0:02d}:{1:02d} n&apos;est pas une heure&#xa0;: les heures vont de 00 à 23 et les minutes de 00 à 59. L&apos;heure reste {2}.</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../ui/help_menu.py" line="+21"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the log folder</source>
        <translation>Ouvrir le dossier des journaux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The logs hold no personal data: you can send them to whoever helps you.</source>
        <translation>Les journaux ne contiennent aucune donnée personnelle&#xa0;: vous pouvez les envoyer à qui vous aide.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <source>Log folder</source>
        <translation>Dossier des journaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The log folder could not be opened here. It is: {0}</source>
        <translation>Le dossier des journaux n&apos;a pas pu être ouvert ici. Le voici&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home.py" line="+105"/>
        <source>Figures as at:</source>
        <translation>Chiffres au&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This year against last year</source>
        <translation>Cette année et l&apos;an dernier</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>State of the figures</source>
        <translation>État des chiffres</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How the figures per ETP are computed</source>
        <translation>Calcul des chiffres par ETP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year so far</source>
        <translation>L&apos;année en cours</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+117"/>
        <source>Outings</source>
        <translation>Sorties</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Contacts</source>
        <translation>Rencontres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours per ETP</source>
        <translation>Heures par ETP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Month by month</source>
        <translation>Mois par mois</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>Afficher&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>To check</source>
        <translation>À vérifier</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>from 1 January {0}, compared with the same days of {1} (to {2})</source>
        <translation>du 1er janvier {0}, comparé aux mêmes jours de {1} (jusqu&apos;au {2})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the home page&apos;s figures</source>
        <translation>les chiffres de l&apos;accueil</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Change</source>
        <translation>Évolution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}
per ETP</source>
        <translation>{0}
par ETP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change
per ETP</source>
        <translation>Évolution
par ETP</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contacts (encounters)</source>
        <translation>Rencontres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Young people known</source>
        <translation>Jeunes connus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Young people supported</source>
        <translation>Jeunes accompagnés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hours, total</source>
        <translation>Heures, total</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ETP of the educational team</source>
        <translation>ETP de l&apos;équipe éducative</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Per ETP: nobody of the educational team (direction and social workers) is recorded on these days. Add the team (File › Add a staff member…) to compare the figures per ETP.</source>
        <translation>Par ETP&#xa0;: aucun membre de l&apos;équipe éducative (direction et travailleurs sociaux) n&apos;est enregistré sur ces jours. Ajoutez l&apos;équipe (Fichier › Ajouter un professionnel…) pour comparer les chiffres par ETP.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Per ETP: divided by the average ETP of the educational team (direction and social workers) over these days — {0} this year. Nothing is recorded on the same days last year: there is nothing to compare with.</source>
        <translation>Par ETP&#xa0;: divisé par l&apos;ETP moyen de l&apos;équipe éducative (direction et travailleurs sociaux) sur ces jours — {0} cette année. Rien n&apos;est enregistré sur les mêmes jours l&apos;an dernier&#xa0;: il n&apos;y a rien à comparer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Per ETP: divided by the average ETP of the educational team (direction and social workers) over the same days — {0} this year, {1} last year — so that a team that grew or shrank is compared fairly.</source>
        <translation>Par ETP&#xa0;: divisé par l&apos;ETP moyen de l&apos;équipe éducative (direction et travailleurs sociaux) sur les mêmes jours — {0} cette année, {1} l&apos;an dernier —, pour comparer équitablement une équipe qui a grandi ou diminué.</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../ui/dialogs/identity.py" line="+88"/>
        <source>Identity of {0}</source>
        <translation>Identité de {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First name:</source>
        <translation>Prénom&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address:</source>
        <translation>Adresse&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone:</source>
        <translation>Téléphone&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The identity is hidden. Showing it is recorded in the audit log (who and when, not what).</source>
        <translation>L&apos;identité est masquée. L&apos;afficher est inscrit au journal d&apos;audit (qui et quand, pas le contenu).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the identity</source>
        <translation>Afficher l&apos;identité</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy {0}</source>
        <translation>Copier {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save the identity</source>
        <translation>Enregistrer l&apos;identité</translation>
    </message>
</context>
<context>
    <name>IdentityNames</name>
    <message>
        <location filename="../../ui/identity_names.py" line="+119"/>
        <source>Name in a free text</source>
        <translation>Nom dans un texte libre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This text contains the name, code or nickname of a young person recorded in the base. It is not saved: a free text stays when that young person is erased, so the name would survive the erasure. Remove the name, or confirm that the word does not designate a young person (a place, a staff member, an ordinary word).</source>
        <translation>Ce texte contient le nom, le code ou le surnom d&apos;un jeune enregistré dans la base. Il n&apos;est pas enregistré&#xa0;: un texte libre reste quand ce jeune est effacé, son nom survivrait donc à l&apos;effacement. Retirez le nom, ou confirmez que le mot ne désigne pas un jeune (un lieu, un professionnel, un mot courant).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Correct the text</source>
        <translation>Corriger le texte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It is not a young person: save</source>
        <translation>Ce n&apos;est pas un jeune&#xa0;: enregistrer</translation>
    </message>
</context>
<context>
    <name>ImportSpreadsheetDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_spreadsheet.py" line="+72"/>
        <source>Import a spreadsheet</source>
        <translation>Importer un tableur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contents:</source>
        <translation>Contenu&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns of the file</source>
        <translation>Colonnes du fichier</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows to correct</source>
        <translation>Lignes à corriger</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Spreadsheet to import</source>
        <translation>Tableur à importer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets (*.csv *.xlsx *.xlsm *.ods *.xls);;All files (*)</source>
        <translation>Tableurs (*.csv *.xlsx *.xlsm *.ods *.xls);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Choose a CSV, XLSX, ODS or XLS file.</source>
        <translation>Choisissez un fichier CSV, XLSX, ODS ou XLS.</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Reading the file…</source>
        <translation>Lecture du fichier…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The file cannot be read: {0}</source>
        <translation>Impossible de lire le fichier&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the reading of the spreadsheet</source>
        <translation>la lecture du tableur</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>(not imported)</source>
        <translation>(non importé)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Checking the file…</source>
        <translation>Vérification du fichier…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the check of the spreadsheet</source>
        <translation>la vérification du tableur</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Already imported: nothing would change. {0}.</source>
        <translation>Déjà importé&#xa0;: rien ne changerait. {0}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problem found. {0}.</source>
        <translation>Aucun problème. {0}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} problem(s): correct the file, save it, then click &quot;Check again&quot;. Nothing will be imported until every row is right.</source>
        <translation>{0} problème(s)&#xa0;: corrigez le fichier, enregistrez-le, puis cliquez sur «&#xa0;Vérifier à nouveau&#xa0;». Rien ne sera importé tant qu&apos;une ligne reste fausse.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the import of the spreadsheet</source>
        <translation>l&apos;import du tableur</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import done: {0} new, {1} updated.</source>
        <translation>Import terminé&#xa0;: {0} nouveau(x), {1} mis à jour.</translation>
    </message>
</context>
<context>
    <name>IntegrityCheck</name>
    <message>
        <location filename="../../ui/integrity.py" line="+35"/>
        <location line="+38"/>
        <location line="+4"/>
        <location line="+6"/>
        <source>Check the base</source>
        <translation>Vérifier la base</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Checking the base in the background; you may keep working.</source>
        <translation>Vérification de la base en arrière-plan ; vous pouvez continuer à travailler.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the check of the base</source>
        <translation>la vérification de la base</translation>
    </message>
</context>
<context>
    <name>KeyRotation</name>
    <message>
        <location filename="../../ui/key_rotation.py" line="+45"/>
        <source>The database key was not changed: wait for the report being written to finish, then change the key (Data protection › Users).</source>
        <translation>La clé de la base n&apos;a pas été changée&#xa0;: attendez la fin du rapport en cours d&apos;écriture, puis changez la clé (Protection des données › Utilisateurs).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database key changed: every page was encrypted again; no copy of the key file, even an old one, opens the base with a withdrawn or former passphrase.</source>
        <translation>Clé de la base changée&#xa0;: chaque page a été chiffrée de nouveau&#xa0;; aucune copie du fichier des clés, même ancienne, n&apos;ouvre plus la base avec une phrase de passe retirée ou ancienne.</translation>
    </message>
</context>
<context>
    <name>KnownNames</name>
    <message>
        <location filename="../../ui/identity_names.py" line="-68"/>
        <source>the names to look for</source>
        <translation>les noms à rechercher</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/lock.py" line="+62"/>
        <source>The session is locked.</source>
        <translation>La session est verrouillée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type your passphrase to go back to your work ({0}).</source>
        <translation>Saisissez votre phrase de passe pour reprendre votre travail ({0}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passphrase:</source>
        <translation>Phrase de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type your passphrase.</source>
        <translation>Saisissez votre phrase de passe.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/dialogs/service_settings.py" line="+196"/>
        <location filename="../../ui/main_window.py" line="+66"/>
        <source>sps_desk — {0}</source>
        <translation>sps_desk — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="+3"/>
        <source>Sections</source>
        <translation>Rubriques</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <source>Import a spreadsheet…</source>
        <translation>Importer un tableur…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service…</source>
        <translation>Service…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings…</source>
        <translation>Préférences…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Work in progress</source>
        <translation>Travail en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait for the end of the work in progress (report, export, merge, check) before closing.</source>
        <translation>Attendez la fin du travail en cours (rapport, export, intégration, vérification) avant de fermer.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../ui/dialogs/merge.py" line="+61"/>
        <source>Merge bundles</source>
        <translation>Intégrer des paquets</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Summary of the merge</source>
        <translation>Résumé de l&apos;intégration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New laptops: before merging, check that each fingerprint is the one shown on the educator&apos;s laptop. If one differs, do not merge and tell your head of service.</source>
        <translation>Nouveaux ordinateurs&#xa0;: avant d&apos;intégrer, vérifiez que chaque empreinte est celle affichée sur l&apos;ordinateur de l&apos;éducateur. Si l&apos;une diffère, n&apos;intégrez pas et prévenez votre chef de service.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Laptop</source>
        <translation>Ordinateur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fingerprint</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New laptops</source>
        <translation>Nouveaux ordinateurs</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>I compared each fingerprint with the one shown on the educator&apos;s laptop: they are identical.</source>
        <translation>J&apos;ai comparé chaque empreinte avec celle affichée sur l&apos;ordinateur de l&apos;éducateur&#xa0;: elles sont identiques.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge</source>
        <translation>Intégrer</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>the merge of the bundles</source>
        <translation>l&apos;intégration des paquets</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checking the bundles…</source>
        <translation>Vérification des paquets…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>These bundles cannot be merged.</source>
        <translation>Ces paquets ne peuvent pas être intégrés.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What merging would do (nothing is written yet). All the bundles are merged together, or none:</source>
        <translation>Ce que l&apos;intégration ferait (rien n&apos;est encore écrit). Les paquets sont intégrés tous ensemble, ou aucun&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Merging the bundles…</source>
        <translation>Intégration des paquets…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The bundles were not merged; the base is as before.</source>
        <translation>Les paquets n&apos;ont pas été intégrés ; la base est inchangée.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bundles merged:</source>
        <translation>Paquets intégrés&#xa0;:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Bundles merged. {0} conflict(s) to resolve: menu Team › Conflicts.</source>
        <translation>Paquets intégrés. {0} conflit(s) à trancher&#xa0;: menu Équipe › Conflits.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bundles merged.</source>
        <translation>Paquets intégrés.</translation>
    </message>
</context>
<context>
    <name>MonthChart</name>
    <message>
        <location filename="../../ui/widgets/month_chart.py" line="+76"/>
        <source>Month by month</source>
        <translation>Mois par mois</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../ui/operations.py" line="+229"/>
        <source>The operation failed because of an unexpected error; nothing was changed. If it happens again, tell your head of service.</source>
        <translation>L&apos;opération a échoué à cause d&apos;une erreur inattendue ; rien n&apos;a été modifié. Si cela se reproduit, prévenez votre chef de service.</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../ui/pages/base.py" line="+125"/>
        <source>A merge or an import is writing to the base: what you typed is kept and will be saved as soon as it ends.</source>
        <translation>Une intégration ou un import écrit dans la base&#xa0;: votre saisie est gardée et sera enregistrée dès qu&apos;il se termine.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Staff member added to the team.</source>
        <translation>Professionnel ajouté à l&apos;équipe.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sector added.</source>
        <translation>Secteur ajouté.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="+42"/>
        <location line="+88"/>
        <location line="+4"/>
        <source>Change my passphrase</source>
        <translation>Changer ma phrase de passe</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Suggest a passphrase of 7 French words</source>
        <translation>Proposer une phrase de passe de 7 mots</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Current passphrase:</source>
        <translation>Phrase de passe actuelle&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase:</source>
        <translation>Nouvelle phrase de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase again:</source>
        <translation>Nouvelle phrase de passe, à nouveau&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strength:</source>
        <translation>Robustesse&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change the passphrase</source>
        <translation>Changer la phrase de passe</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Suggested passphrase, write it down: {0}</source>
        <translation>Phrase de passe proposée, notez-la&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Strong enough (about {0} bits).</source>
        <translation>Suffisante (environ {0} bits).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Too weak: about {0} bits of 80.</source>
        <translation>Trop faible&#xa0;: environ {0} bits sur 80.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The two new passphrases are different: type the same passphrase twice.</source>
        <translation>Les deux nouvelles phrases de passe sont différentes&#xa0;: saisissez deux fois la même.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Passphrase changed in the key file {0}: with this file, only the new passphrase opens the base. An old copy of {0} (a backup, a USB stick) still opens with the old passphrase until the database key is changed.</source>
        <translation>Phrase de passe changée dans le fichier des clés {0}&#xa0;: avec ce fichier, seule la nouvelle phrase ouvre la base. Une ancienne copie de {0} (sauvegarde, clé USB) s&apos;ouvre encore avec l&apos;ancienne phrase de passe, jusqu&apos;au changement de la clé de la base.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>If the old passphrase may have been seen, ask the head of service to change the database key.</source>
        <translation>Si l&apos;ancienne phrase a pu être vue, demandez au chef de service de changer la clé de la base.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the database key now?</source>
        <translation>Changer la clé de la base maintenant&#xa0;?</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/pdf_preview.py" line="+31"/>
        <source>Preview of the report</source>
        <translation>Aperçu du rapport</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report will be shown here once generated.</source>
        <translation>Le rapport s&apos;affichera ici une fois généré.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>This installation cannot show PDF files itself.</source>
        <translation>Cette installation ne peut pas afficher elle-même les fichiers PDF.</translation>
    </message>
</context>
<context>
    <name>PrivacyMenu</name>
    <message>
        <location filename="../../ui/privacy_menu.py" line="+59"/>
        <source>&amp;Data protection</source>
        <translation>&amp;Protection des données</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change my passphrase…</source>
        <translation>Changer ma phrase de passe…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the identity of a young person…</source>
        <translation>Afficher l&apos;identité d&apos;un jeune…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase a young person…</source>
        <translation>Effacer un jeune…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up</source>
        <translation>Sauvegarder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic backups…</source>
        <translation>Sauvegardes automatiques…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation>Restaurer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users…</source>
        <translation>Utilisateurs…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purge of expired data…</source>
        <translation>Purge des données échues…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register of processing (PDF)…</source>
        <translation>Registre des traitements (PDF)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident sheet (PDF)…</source>
        <translation>Fiche d&apos;incident (PDF)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End of service…</source>
        <translation>Fin de service…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Data protection</source>
        <translation>Protection des données</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Code of the young person:</source>
        <translation>Code du jeune&#xa0;:</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Erase a young person</source>
        <translation>Effacer un jeune</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Where to write the backup (a USB key, a network folder)</source>
        <translation>Où écrire la sauvegarde (une clé USB, un dossier réseau)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Folder of the backup to restore</source>
        <translation>Dossier de la sauvegarde à restaurer</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+7"/>
        <location line="+31"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Put back the backup of {0}? The current base is kept beside it under another name. What was typed here since the backup will no longer be in the base: the team&apos;s laptops will send their part again.</source>
        <translation>Remettre en place la sauvegarde du {0}&#xa0;? La base actuelle est gardée à côté sous un autre nom. Ce qui a été saisi ici depuis la sauvegarde ne sera plus dans la base&#xa0;: les ordinateurs de l&apos;équipe renverront leur part.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your passphrase as it was on {0}:</source>
        <translation>Votre phrase de passe telle qu&apos;elle était le {0}&#xa0;:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Wait for the end of the report&apos;s generation.</source>
        <translation>Attendez la fin de la génération du rapport.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Register of processing</source>
        <translation>Registre des traitements</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Incident sheet</source>
        <translation>Fiche d&apos;incident</translation>
    </message>
</context>
<context>
    <name>PurgeDialog</name>
    <message>
        <location filename="../../ui/dialogs/purge.py" line="+40"/>
        <source>Purge of expired data</source>
        <translation>Purge des données échues</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Young people without any activity for more than {0} year(s) (retention period of the service). Anonymising them deletes their identity, code and nickname; past statistics stay identical.</source>
        <translation>Jeunes sans aucune activité depuis plus de {0} an(s) (durée de conservation du service). Les anonymiser supprime leur identité, leur code et leur surnom&#xa0;; les statistiques passées restent identiques.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Young people due</source>
        <translation>Jeunes à anonymiser</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Free texts redacted</source>
        <translation>Textes libres caviardés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anonymise them and issue the certificate…</source>
        <translation>Les anonymiser et établir le certificat…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{0} — last activity on {1}</source>
        <translation>{0} — dernière activité le {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} young person(s) due. {1} free text(s) that name them will be redacted (« [effacé] » in place of the name):</source>
        <translation>{0} jeune(s) à anonymiser. {1} texte(s) libre(s) qui les nomment seront caviardé(s) (« [effacé] » à la place du nom)&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Folder of the certificate</source>
        <translation>Dossier du certificat</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/qt_texts.py" line="+15"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Regarder dans&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of &amp;type:</source>
        <translation>&amp;Type de fichier&#xa0;:</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <location filename="../../ui/widgets/record_actions.py" line="+48"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the deletion</source>
        <translation>Annuler la suppression</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>« Undo the deletion » cancels it.</source>
        <translation>« Annuler la suppression » revient en arrière.</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <location filename="../../ui/dialogs/recover.py" line="+35"/>
        <source>Forgotten passphrase</source>
        <translation>Phrase de passe oubliée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the recovery key printed when the database was created (13 groups of 4 characters), then choose a new passphrase.</source>
        <translation>Saisissez la clé de secours imprimée à la création de la base (13 groupes de 4 caractères), puis choisissez une nouvelle phrase de passe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>empty: the head of service</source>
        <translation>vide&#xa0;: le chef de service</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suggest a passphrase of 7 French words</source>
        <translation>Proposer une phrase de passe de 7 mots</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recovery key:</source>
        <translation>Clé de secours&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User (name shown):</source>
        <translation>Utilisateur (nom affiché)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase:</source>
        <translation>Nouvelle phrase de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase again:</source>
        <translation>Nouvelle phrase de passe, à nouveau&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set the new passphrase</source>
        <translation>Enregistrer la nouvelle phrase de passe</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Suggested passphrase, write it down: {0}</source>
        <translation>Phrase de passe proposée, notez-la&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The two new passphrases are different: type the same passphrase twice.</source>
        <translation>Les deux nouvelles phrases de passe sont différentes&#xa0;: saisissez deux fois la même.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The passphrase is too weak: use at least 7 random words (the suggested passphrase will do), or 12 characters mixing capitals, small letters, digits and special characters.</source>
        <translation>La phrase de passe est trop faible&#xa0;: utilisez au moins 7 mots tirés au hasard (la phrase proposée convient), ou 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux.</translation>
    </message>
</context>
<context>
    <name>RecoverySheetDialog</name>
    <message>
        <location filename="../../ui/dialogs/recovery_sheet.py" line="+38"/>
        <location line="+14"/>
        <source>Recovery key</source>
        <translation>Clé de secours</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>This recovery key lets the head of service set a new passphrase if one is forgotten. It is shown only now: print the sheet or save it as PDF, keep it locked away from the computer, and delete any copy of the file.</source>
        <translation>Cette clé de secours permet au chef de service de définir une nouvelle phrase de passe si l&apos;une est oubliée. Elle n&apos;est affichée que maintenant&#xa0;: imprimez la feuille ou enregistrez-la en PDF, rangez-la sous clé loin de l&apos;ordinateur, et supprimez toute copie du fichier.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the sheet as PDF…</source>
        <translation>Enregistrer la feuille en PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I have printed or saved the recovery sheet</source>
        <translation>J&apos;ai imprimé ou enregistré la feuille de secours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save the recovery sheet</source>
        <translation>Enregistrer la feuille de secours</translation>
    </message>
</context>
<context>
    <name>ReminderBanner</name>
    <message>
        <location filename="../../ui/backups.py" line="+17"/>
        <source>Back up now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup reminder</source>
        <translation>Rappel de sauvegarde</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../ui/pages/report.py" line="+107"/>
        <source>The report is written as a PDF file, with the statistics file (JSON), a workbook (XLSX) and one CSV file per table. All hold aggregated figures only; your own sections below are printed as you type them.</source>
        <translation>Le rapport est écrit en PDF, avec le fichier statistique (JSON), un classeur (XLSX) et un fichier CSV par tableau. Tous ne contiennent que des chiffres agrégés ; vos propres rubriques ci-dessous sont imprimées telles que vous les tapez.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Diffusion version</source>
        <translation>Version de diffusion</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For the Département and the partners: small counts are hidden « s » (statistical secrecy), as in the statistics file.</source>
        <translation>Pour le Département et les partenaires&#xa0;: les petits effectifs sont masqués «&#xa0;s&#xa0;» (secret statistique), comme dans le fichier statistique.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internal version</source>
        <translation>Version interne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For the service only: every figure, small counts included; files end in « -interne » and every page is marked. Do not share.</source>
        <translation>Pour le service seulement&#xa0;: tous les effectifs, petits effectifs compris&#xa0;; fichiers terminés par «&#xa0;-interne&#xa0;», chaque page marquée. Ne pas diffuser.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Highlights of the year</source>
        <translation>Faits marquants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continuous quality improvement</source>
        <translation>Démarche d&apos;amélioration continue de la qualité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlook</source>
        <translation>Perspectives</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Highlights of the year (events, new partners, changes):</source>
        <translation>Faits marquants de l&apos;année (événements, nouveaux partenaires, changements)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions of continuous quality improvement:</source>
        <translation>Actions de la démarche d&apos;amélioration continue de la qualité&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlook for the coming year:</source>
        <translation>Perspectives pour l&apos;année à venir&#xa0;:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Text printed as typed in the report. Leave a blank line between paragraphs. Never write a young person&apos;s name.</source>
        <translation>Texte imprimé tel quel dans le rapport. Laissez une ligne vide entre les paragraphes. N&apos;écrivez jamais le nom d&apos;un jeune.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the sections</source>
        <translation>Enregistrer les rubriques</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State of the sections</source>
        <translation>État des rubriques</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Generate the report</source>
        <translation>Générer le rapport</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+2"/>
        <source>Open the PDF</source>
        <translation>Ouvrir le PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+294"/>
        <source>Open the folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location line="-292"/>
        <source>Save the workbook (XLSX)…</source>
        <translation>Enregistrer le classeur (XLSX)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the CSV files…</source>
        <translation>Enregistrer les fichiers CSV…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Year:</source>
        <translation>Année&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output folder:</source>
        <translation>Dossier de sortie&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version:</source>
        <translation>Version&#xa0;:</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Your sections of the report for this year:</source>
        <translation>Vos rubriques du rapport pour cette année&#xa0;:</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Sections of {0}.</source>
        <translation>Rubriques de {0}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unsaved changes.</source>
        <translation>Modifications non enregistrées.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} is not over: the report will count only the activity recorded up to today ({1}), not the whole year.</source>
        <translation>L&apos;année {0} n&apos;est pas terminée&#xa0;: le rapport ne comptera que l&apos;activité saisie jusqu&apos;à aujourd&apos;hui ({1}), pas l&apos;année entière.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} has not begun (today is {1}): the report will count only what is already dated in {0}.</source>
        <translation>L&apos;année {0} n&apos;a pas commencé (nous sommes le {1})&#xa0;: le rapport ne comptera que ce qui est déjà daté de {0}.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Sections of {0} saved.</source>
        <translation>Rubriques de {0} enregistrées.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder of the report</source>
        <translation>Dossier du rapport</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose the folder where to write the report.</source>
        <translation>Choisissez le dossier où écrire le rapport.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the generation of the report</source>
        <translation>la génération du rapport</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Internal version, for the service only (do not share).</source>
        <translation>Version interne, pour le service seulement (ne pas diffuser).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Diffusion version, for the Département and the partners.</source>
        <translation>Version de diffusion, pour le Département et les partenaires.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Since the last diffusion of this year: {0}</source>
        <translation>Depuis la dernière diffusion de cette année&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files written:
{0}
{1}
{2}
{3} CSV files in the same folder</source>
        <translation>Fichiers écrits&#xa0;:
{0}
{1}
{2}
{3} fichiers CSV dans le même dossier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The PDF cannot be shown here: open it with « Open the PDF ».</source>
        <translation>Le PDF ne peut pas être affiché ici&#xa0;: ouvrez-le avec «&#xa0;Ouvrir le PDF&#xa0;».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report generated.</source>
        <translation>Rapport généré.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Generation cancelled: no file was written.</source>
        <translation>Génération annulée&#xa0;: aucun fichier n&apos;a été écrit.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No PDF viewer</source>
        <translation>Aucun lecteur de PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No program to read PDF files is set up on this computer, so the report cannot be opened from here. It is the file {0} in the folder {1}: open the folder, or install a PDF reader.</source>
        <translation>Aucun programme pour lire les fichiers PDF n&apos;est installé sur cet ordinateur&#xa0;: le rapport ne peut pas s&apos;ouvrir d&apos;ici. C&apos;est le fichier {0}, dans le dossier {1}&#xa0;: ouvrez le dossier, ou installez un lecteur de PDF.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No file manager can be opened on this computer: the report&apos;s files are in the folder {0}.</source>
        <translation>Aucun gestionnaire de fichiers ne peut s&apos;ouvrir sur cet ordinateur&#xa0;: les fichiers du rapport sont dans le dossier {0}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save the workbook</source>
        <translation>Enregistrer le classeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folder for the CSV files</source>
        <translation>Dossier des fichiers CSV</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The files could not be copied ({0}).</source>
        <translation>Les fichiers n&apos;ont pas pu être copiés ({0}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved: {0} file(s).</source>
        <translation>Enregistré&#xa0;: {0} fichier(s).</translation>
    </message>
</context>
<context>
    <name>Restriction</name>
    <message>
        <location filename="../../ui/restriction.py" line="+18"/>
        <source>This young person&apos;s processing is restricted: their record and follow-up are read-only, they cannot be added to a new entry and they are left out of the statistics (GDPR art. 18). To lift the restriction, ask the data controller.</source>
        <translation>Ce jeune est en limitation du traitement&#xa0;: sa fiche et son suivi sont en lecture seule, il ne peut être ajouté à aucune nouvelle saisie et il est exclu des statistiques (RGPD, art. 18). Pour lever la limitation, adressez-vous au responsable du traitement.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restriction of processing</source>
        <translation>Limitation du traitement</translation>
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
    <name>ServiceKeyDialog</name>
    <message>
        <location filename="../../ui/dialogs/service_key.py" line="+61"/>
        <source>Public key of the service</source>
        <translation>Clé publique du service</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give this key once to each educator: their laptop&apos;s base is created with it (the file, or a photo of the QR code). It holds no secret. Its bundles can then be opened by this base only.</source>
        <translation>Donnez cette clé une fois à chaque éducateur&#xa0;: la base de son ordinateur est créée avec (le fichier, ou une photo du QR code). Elle ne contient aucun secret. Les paquets de cet ordinateur ne pourront être ouverts que par cette base.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fingerprint: {0}</source>
        <translation>Empreinte&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An educator&apos;s laptop shows this fingerprint when it sends a bundle to the head of service: compare them.</source>
        <translation>L&apos;ordinateur d&apos;un éducateur affiche cette empreinte quand il transmet un paquet au chef de service&#xa0;: comparez-les.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>QR code of the public key</source>
        <translation>QR code de la clé publique</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the key…</source>
        <translation>Enregistrer la clé…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the QR code…</source>
        <translation>Enregistrer le QR code…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Save the public key</source>
        <translation>Enregistrer la clé publique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key of the service (*.spskey)</source>
        <translation>Clé du service (*.spskey)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the QR code</source>
        <translation>Enregistrer le QR code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
</context>
<context>
    <name>ServiceSettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/service_settings.py" line="-149"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only the service chief changes these settings; you can read them here.</source>
        <translation>Seul le chef de service modifie ces réglages&#xa0;; vous pouvez les consulter ici.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This base is an educator&apos;s computer: the service&apos;s settings are changed on the chief&apos;s base and arrive here with the chief&apos;s return bundle.</source>
        <translation>Cette base est celle d&apos;un ordinateur d&apos;éducateur&#xa0;: les réglages du service se changent sur la base du chef de service et arrivent ici avec son paquet de retour.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source> year(s)</source>
        <translation> an(s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A young person without any activity for longer than this is anonymised by the purge: identity, code and nickname are deleted, past statistics stay the same. 2 years is the period of the CNIL&apos;s référentiel for social services; 1 to 10.</source>
        <translation>Un jeune sans aucune activité depuis plus longtemps est anonymisé par la purge&#xa0;: identité, code et surnom sont supprimés, les statistiques passées restent identiques. 2 ans est la durée du référentiel de la CNIL pour le secteur social&#xa0;; de 1 à 10.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Service name:</source>
        <translation>Nom du service&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Managing body:</source>
        <translation>Structure gestionnaire&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linked MDS:</source>
        <translation>MDS de rattachement&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistical secrecy k:</source>
        <translation>Secret statistique k&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retention period:</source>
        <translation>Durée de conservation&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hours counted in another category</source>
        <translation>Heures comptées dans une autre catégorie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A category the service does not track apart is counted in another one: its hours are added to that category, and the report and the Département file show « Dans les accompagnements individuels », for instance.</source>
        <translation>Une catégorie que le service ne suit pas à part est comptée dans une autre&#xa0;: ses heures s&apos;ajoutent à cette catégorie, et le rapport et le fichier du Département indiquent par exemple «&#xa0;Dans les accompagnements individuels&#xa0;».</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0}:</source>
        <translation>{0}&#xa0;:</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Statistical secrecy: counts of people from 1 to k−1 (here 1 to {0}) are hidden in the file sent to the Département. 5 by default, never below 3.</source>
        <translation>Secret statistique&#xa0;: les effectifs de 1 à k−1 (ici de 1 à {0}) sont masqués dans le fichier envoyé au Département. 5 par défaut, jamais moins de 3.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tracked apart</source>
        <translation>Suivie à part</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counted in « {0} »</source>
        <translation>Comptée dans «&#xa0;{0}&#xa0;»</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Settings of the service saved.</source>
        <translation>Réglages du service enregistrés.</translation>
    </message>
</context>
<context>
    <name>SessionLock</name>
    <message>
        <location filename="../../ui/lock.py" line="+31"/>
        <source>Lock the session</source>
        <translation>Verrouiller la session</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings.py" line="+40"/>
        <source>Settings</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The new language applies the next time sps_desk starts.</source>
        <translation>La nouvelle langue s&apos;applique au prochain démarrage de sps_desk.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Without any keyboard or mouse input for this long, the window hides the data and asks for the passphrase again ({0} to {1} minutes; this computer only).</source>
        <translation>Sans aucune action au clavier ni à la souris pendant ce temps, la fenêtre masque les données et redemande la phrase de passe (de {0} à {1} minutes&#xa0;; sur cet ordinateur seulement).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Interface language:</source>
        <translation>Langue de l&apos;interface&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock the session after:</source>
        <translation>Verrouiller la session après&#xa0;:</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../ui/dialogs/staff.py" line="+64"/>
        <source>Team: add a staff member</source>
        <translation>Équipe&#xa0;: ajouter un professionnel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team: {0}</source>
        <translation>Équipe&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Initials or a first name are enough.</source>
        <translation>Des initiales ou un prénom suffisent.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Display name:</source>
        <translation>Nom affiché&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:</source>
        <translation>Fonction&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FTE</source>
        <translation>ETP</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+43"/>
        <source>Periods of activity</source>
        <translation>Périodes d&apos;activité</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>unknown (before the data of this base)</source>
        <translation>inconnu (avant les données de cette base)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+89"/>
        <source>ongoing</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Start:</source>
        <translation>Début&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End:</source>
        <translation>Fin&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FTE (1 = full time):</source>
        <translation>ETP (1 = temps plein)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New period…</source>
        <translation>Nouvelle période…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A change of FTE or a return: the ongoing period ends the day before.</source>
        <translation>Un changement d&apos;ETP ou un retour&#xa0;: la période en cours se termine la veille.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the period</source>
        <translation>Supprimer la période</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>About the periods</source>
        <translation>À propos des périodes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The report of a year counts each member over the days of their periods in that year. A departure is an end date on the last period.</source>
        <translation>Le rapport d&apos;une année compte chacun sur les jours de ses périodes dans cette année. Un départ est une date de fin sur la dernière période.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add to the team</source>
        <translation>Ajouter à l&apos;équipe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The end of a period cannot be before its start.</source>
        <translation>La fin d&apos;une période ne peut pas précéder son début.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The ongoing period now ends on {0}: change the start of the new one if needed.</source>
        <translation>La période en cours se termine désormais le {0}&#xa0;: changez le début de la nouvelle si besoin.</translation>
    </message>
</context>
<context>
    <name>SupportsPage</name>
    <message>
        <location filename="../../ui/pages/supports.py" line="+183"/>
        <source>Issues at the origin of the support</source>
        <translation>Problématiques à l&apos;origine de l&apos;accompagnement</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+259"/>
        <source>Open the support</source>
        <translation>Ouvrir l&apos;accompagnement</translation>
    </message>
    <message>
        <location line="-257"/>
        <source>Cancel the changes</source>
        <translation>Annuler les modifications</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Young person:</source>
        <translation>Jeune&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+10"/>
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
        <location line="+2"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issues</source>
        <translation>Problématiques</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+235"/>
        <source>Supports</source>
        <translation>Accompagnements</translation>
    </message>
    <message>
        <location line="+192"/>
        <source>Close the support</source>
        <translation>Clore l&apos;accompagnement</translation>
    </message>
    <message>
        <location line="-285"/>
        <source>End date:</source>
        <translation>Date de fin&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>Motif de fin&#xa0;:</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Supports:</source>
        <translation>Accompagnements&#xa0;:</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>code or nickname of a young person already recorded</source>
        <translation>code ou surnom d&apos;un jeune déjà enregistré</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Timeline of the selected support</source>
        <translation>Historique de l&apos;accompagnement sélectionné</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Follow-up of the selected support</source>
        <translation>Suivi de l&apos;accompagnement sélectionné</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Intervention</source>
        <translation>Intervention</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+312"/>
        <source>Referral</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location line="-311"/>
        <location line="+318"/>
        <source>Concern report</source>
        <translation>Information préoccupante</translation>
    </message>
    <message>
        <location line="-317"/>
        <source>Close / reopen</source>
        <translation>Clore / rouvrir</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Timeline of the selected support:</source>
        <translation>Historique de l&apos;accompagnement sélectionné&#xa0;:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>e.g. 1,5 or 1h30</source>
        <translation>ex. 1,5 ou 1h30</translation>
    </message>
    <message>
        <location line="+334"/>
        <source>Add the intervention</source>
        <translation>Ajouter l&apos;intervention</translation>
    </message>
    <message>
        <location line="-327"/>
        <source>Type:</source>
        <translation>Type&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of the intervention:</source>
        <translation>Date de l&apos;intervention&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration (hours):</source>
        <translation>Durée (heures)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff:</source>
        <translation>Professionnels&#xa0;:</translation>
    </message>
    <message>
        <location line="+328"/>
        <source>Add the referral</source>
        <translation>Ajouter l&apos;orientation</translation>
    </message>
    <message>
        <location line="-316"/>
        <source>Date of the referral:</source>
        <translation>Date de l&apos;orientation&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred to:</source>
        <translation>Orienté vers&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only the date and the addressee are kept, never the content of the report.</source>
        <translation>Seuls la date et le destinataire sont conservés, jamais le contenu de l&apos;information.</translation>
    </message>
    <message>
        <location line="+312"/>
        <source>Record the concern report</source>
        <translation>Enregistrer l&apos;information préoccupante</translation>
    </message>
    <message>
        <location line="-302"/>
        <source>Date of transmission:</source>
        <translation>Date de transmission&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Addressee:</source>
        <translation>Destinataire&#xa0;:</translation>
    </message>
    <message>
        <location line="+309"/>
        <source>Reopen the support</source>
        <translation>Rouvrir l&apos;accompagnement</translation>
    </message>
    <message>
        <location line="-244"/>
        <source>intervention</source>
        <translation>intervention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>referral</source>
        <translation>orientation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>concern report</source>
        <translation>information préoccupante</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>support</source>
        <translation>accompagnement</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>(no referent)</source>
        <translation>(aucun référent)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Ongoing</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed on {0} ({1})</source>
        <translation>Clos le {0} ({1})</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Select a support in the list.</source>
        <translation>Sélectionnez un accompagnement dans la liste.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Support of {0}, closed on {1}.</source>
        <translation>Accompagnement de {0}, clos le {1}.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add the intervention for {0}</source>
        <translation>Ajouter l&apos;intervention pour {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add the referral for {0}</source>
        <translation>Ajouter l&apos;orientation pour {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record the concern report for {0}</source>
        <translation>Enregistrer l&apos;information préoccupante concernant {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close the support of {0}</source>
        <translation>Clore l&apos;accompagnement de {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reopen the support of {0}</source>
        <translation>Rouvrir l&apos;accompagnement de {0}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>This support was deleted meanwhile: cancel the changes.</source>
        <translation>Cet accompagnement a été supprimé entre-temps : annulez les modifications.</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Support of {0} deleted.</source>
        <translation>Accompagnement de {0} supprimé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support of {0} restored.</source>
        <translation>Accompagnement de {0} rétabli.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The date of the intervention ({0}) is before the start of the support ({1}): correct the date, or the start date of the support.</source>
        <translation>La date de l&apos;intervention ({0}) précède le début de l&apos;accompagnement ({1})&#xa0;: corrigez la date, ou la date de début de l&apos;accompagnement.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The date of the intervention ({0}) is after the end of the support ({1}): correct the date, or reopen the support.</source>
        <translation>La date de l&apos;intervention ({0}) suit la fin de l&apos;accompagnement ({1})&#xa0;: corrigez la date, ou rouvrez l&apos;accompagnement.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The date of the referral ({0}) is before the start of the support ({1}): correct the date, or the start date of the support.</source>
        <translation>La date de l&apos;orientation ({0}) précède le début de l&apos;accompagnement ({1})&#xa0;: corrigez la date, ou la date de début de l&apos;accompagnement.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The date of the referral ({0}) is after the end of the support ({1}): correct the date, or reopen the support.</source>
        <translation>La date de l&apos;orientation ({0}) suit la fin de l&apos;accompagnement ({1})&#xa0;: corrigez la date, ou rouvrez l&apos;accompagnement.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Intervention of {0} deleted.</source>
        <translation>Intervention du {0} supprimée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intervention of {0} restored.</source>
        <translation>Intervention du {0} rétablie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral of {0} deleted.</source>
        <translation>Orientation du {0} supprimée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral of {0} restored.</source>
        <translation>Orientation du {0} rétablie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Concern report of {0} deleted.</source>
        <translation>Information préoccupante du {0} supprimée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concern report of {0} restored.</source>
        <translation>Information préoccupante du {0} rétablie.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The deletion cannot be undone: the support of this follow-up was deleted. Undo that deletion first.</source>
        <translation>La suppression ne peut pas être annulée : l&apos;accompagnement de ce suivi a été supprimé. Annulez d&apos;abord cette suppression-là.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The deletion cannot be undone: the follow-up dated {0} would come before the start of its support ({1}). Change the start first.</source>
        <translation>La suppression ne peut pas être annulée&#xa0;: le suivi daté du {0} précéderait le début de son accompagnement ({1}). Changez d&apos;abord la date de début.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The deletion cannot be undone: the follow-up dated {0} would come after the end of its support ({1}). Reopen the support first.</source>
        <translation>La suppression ne peut pas être annulée&#xa0;: le suivi daté du {0} suivrait la fin de son accompagnement ({1}). Rouvrez d&apos;abord l&apos;accompagnement.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The deletion cannot be undone: {0} has another ongoing support now, started on {1}. Close it first.</source>
        <translation>La suppression ne peut pas être annulée : {0} a maintenant un autre accompagnement en cours, commencé le {1}. Clôturez-le d&apos;abord.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The support has an intervention or a referral dated {0}: close it on {0} or later, or delete that follow-up first.</source>
        <translation>L&apos;accompagnement a une intervention ou une orientation datée du {0}&#xa0;: clôturez-le le {0} ou après, ou supprimez d&apos;abord ce suivi.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Support reopened.</source>
        <translation>Accompagnement rouvert.</translation>
    </message>
    <message>
        <location line="-398"/>
        <source>Support of {0}, started on {1}.</source>
        <translation>Accompagnement de {0}, commencé le {1}.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Choose a young person (record them first on the Young people page).</source>
        <translation>Choisissez un jeune (enregistrez-le d&apos;abord dans la page Jeunes).</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Support opened.</source>
        <translation>Accompagnement ouvert.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support updated.</source>
        <translation>Accompagnement modifié.</translation>
    </message>
    <message>
        <location line="-291"/>
        <source>Editing the support of {0}</source>
        <translation>Modification de l&apos;accompagnement de {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <location line="+241"/>
        <source>The support already has an intervention or a referral dated {0}: choose a start on {0} at the latest, or delete that follow-up first.</source>
        <translation>L&apos;accompagnement a déjà une intervention ou une orientation datée du {0}&#xa0;: choisissez un début au plus tard le {0}, ou supprimez d&apos;abord ce suivi.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{0} already has an ongoing support, started on {1}: select it in the list to add to it, or close it first.</source>
        <translation>{0} a déjà un accompagnement en cours, commencé le {1}&#xa0;: sélectionnez-le dans la liste pour le compléter, ou clôturez-le d&apos;abord.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Select a support in the list first.</source>
        <translation>Sélectionnez d&apos;abord un accompagnement dans la liste.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Intervention added.</source>
        <translation>Intervention ajoutée.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Referral added.</source>
        <translation>Orientation ajoutée.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Concern report recorded.</source>
        <translation>Information préoccupante enregistrée.</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Support closed.</source>
        <translation>Accompagnement clos.</translation>
    </message>
</context>
<context>
    <name>TallyGrid</name>
    <message>
        <location filename="../../ui/widgets/tally_grid.py" line="+94"/>
        <source>Total: {0} anonymous contact</source>
        <translation>Total&#xa0;: {0} rencontre anonyme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total: {0} anonymous contacts</source>
        <translation>Total&#xa0;: {0} rencontres anonymes</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>One less: {0}</source>
        <translation>Un de moins&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One more: {0}</source>
        <translation>Un de plus&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Total of anonymous contacts</source>
        <translation>Total des rencontres anonymes</translation>
    </message>
</context>
<context>
    <name>TeamMenu</name>
    <message>
        <location filename="../../ui/team_menu.py" line="+47"/>
        <source>&amp;Team</source>
        <translation>&amp;Équipe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send to the head of service…</source>
        <translation>Transmettre au chef de service…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public key of the service…</source>
        <translation>Clé publique du service…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge bundles…</source>
        <translation>Intégrer des paquets…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prepare a laptop&apos;s bundle…</source>
        <translation>Préparer le paquet d&apos;un ordinateur…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <source>Conflicts…</source>
        <translation>Conflits…</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Laptops…</source>
        <translation>Ordinateurs…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Conflicts ({0})…</source>
        <translation>Conflits ({0})…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bundle for the head of service (encrypted)</source>
        <translation>Paquet pour le chef de service (chiffré)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundles (*.spsb)</source>
        <translation>Paquets (*.spsb)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} is the database itself or one of its files: choose another name. Nothing was written.</source>
        <translation>{0} est la base elle-même ou l&apos;un de ses fichiers&#xa0;: choisissez un autre nom. Rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Bundle written</source>
        <translation>Paquet écrit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundle written: {0} ({1} record(s)).

It is encrypted for the base of the head of service « {2} » only (fingerprint {3}): you may carry it on a USB stick or send it by e-mail, nobody else can read it.

This laptop&apos;s fingerprint, to compare on the head of service&apos;s screen: {4}.</source>
        <translation>Paquet écrit&#xa0;: {0} ({1} enregistrement(s)).

Il est chiffré pour la seule base du chef de service «&#xa0;{2}&#xa0;» (empreinte {3})&#xa0;: vous pouvez le transporter sur une clé USB ou l&apos;envoyer par courriel, personne d&apos;autre ne peut le lire.

Empreinte de cet ordinateur, à comparer sur l&apos;écran du chef de service&#xa0;: {4}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+38"/>
        <source>Bundle written: {0}</source>
        <translation>Paquet écrit&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Bundles to merge</source>
        <translation>Paquets à intégrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundles (*.spsb);;All files (*)</source>
        <translation>Paquets (*.spsb);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} cannot be read ({1}): check the USB stick or the folder, then try again.</source>
        <translation>{0} ne peut pas être lu ({1})&#xa0;: vérifiez la clé USB ou le dossier, puis recommencez.</translation>
    </message>
</context>
<context>
    <name>TimePage</name>
    <message>
        <location filename="../../ui/pages/time_entries.py" line="+111"/>
        <source>◀ Previous week</source>
        <translation>◀ Semaine précédente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next week ▶</source>
        <translation>Semaine suivante ▶</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+2"/>
        <location line="+33"/>
        <location line="+234"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="-266"/>
        <location line="+33"/>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hours of the week</source>
        <translation>Heures de la semaine</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Weekly timesheet</source>
        <translation>Feuille de temps de la semaine</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Working time warning</source>
        <translation>Alerte sur le temps de travail</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Totals of the week by category</source>
        <translation>Totaux de la semaine par catégorie</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Timesheet of:</source>
        <translation>Feuille de temps de&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weekly timesheet (hours by category and day):</source>
        <translation>Feuille de temps (heures par catégorie et par jour)&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hours of the week (whole team):</source>
        <translation>Heures de la semaine (toute l&apos;équipe)&#xa0;:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Totals of the week by category (whole team):</source>
        <translation>Totaux de la semaine par catégorie (toute l&apos;équipe)&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add hours</source>
        <translation>Ajouter des heures</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. 1,5 or 1h30</source>
        <translation>ex. 1,5 ou 1h30</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+286"/>
        <source>Add the hours</source>
        <translation>Ajouter les heures</translation>
    </message>
    <message>
        <location line="-280"/>
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
        <location line="+4"/>
        <source>Team, service and partner meetings: « Actions partenariales et réunions diverses » (the column of the Département&apos;s hours table).</source>
        <translation>Réunions d&apos;équipe, de service et avec les partenaires&#xa0;: «&#xa0;Actions partenariales et réunions diverses&#xa0;» (la colonne du tableau des heures du Département).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where meetings go</source>
        <translation>Où compter les réunions</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+7"/>
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
        <location line="+24"/>
        <source>hours</source>
        <translation>heures</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>From Monday {0} to Sunday {1}</source>
        <translation>Du lundi {0} au dimanche {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+58"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Mon</source>
        <translation>Lun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>Mar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>Mer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>Jeu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>Ven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>Sam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>Dim</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{0}: {1} h in the day (more than 10 h).</source>
        <translation>{0}&#xa0;: {1} h dans la journée (plus de 10 h).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} h in the week (more than 48 h).</source>
        <translation>{0} h dans la semaine (plus de 48 h).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check these hours (warning only):</source>
        <translation>Vérifiez ces heures (simple alerte)&#xa0;:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>These hours come from a session or an intervention: edit or delete it on its page, the hours follow.</source>
        <translation>Ces heures viennent d&apos;une sortie, d&apos;une séance ou d&apos;une intervention&#xa0;: modifiez-la ou supprimez-la sur sa page, les heures suivent.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Save the changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hours of {0} deleted.</source>
        <translation>Heures du {0} supprimées.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours of {0} restored.</source>
        <translation>Heures du {0} rétablies.</translation>
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
        <location line="+25"/>
        <source>Hours added.</source>
        <translation>Heures ajoutées.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hours updated.</source>
        <translation>Heures modifiées.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../ui/pages/young_person_detail.py" line="+53"/>
        <source>Met during a field session</source>
        <translation>Rencontré lors d&apos;une sortie</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Support opened</source>
        <translation>Accompagnement ouvert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Support closed</source>
        <translation>Accompagnement clos</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Referral</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Concern report transmitted</source>
        <translation>Information préoccupante transmise</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Collective action</source>
        <translation>Action collective</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/dialogs/unlock.py" line="+43"/>
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
        <location line="+5"/>
        <source>Forgotten passphrase…</source>
        <translation>Phrase de passe oubliée…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Type your passphrase.</source>
        <translation>Saisissez votre phrase de passe.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The database could not be opened because of an unexpected error.</source>
        <translation>La base n&apos;a pas pu être ouverte à cause d&apos;une erreur inattendue.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>New passphrase saved: type it to open the database.</source>
        <translation>Nouvelle phrase de passe enregistrée&#xa0;: saisissez-la pour ouvrir la base.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/dialogs/users.py" line="+49"/>
        <location line="+3"/>
        <location line="+78"/>
        <location line="+6"/>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <location line="-80"/>
        <location line="+50"/>
        <source>Educator</source>
        <translation>Éducateur</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+47"/>
        <source>Head of service</source>
        <translation>Chef de service</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Suggest a passphrase of 7 French words</source>
        <translation>Proposer une phrase de passe de 7 mots</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Users of the database:</source>
        <translation>Utilisateurs de la base&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name or initials:</source>
        <translation>Nom ou initiales&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:</source>
        <translation>Rôle&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their passphrase:</source>
        <translation>Sa phrase de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the user</source>
        <translation>Ajouter l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke the selected user&apos;s access</source>
        <translation>Révoquer l&apos;accès de l&apos;utilisateur sélectionné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removes the user and changes the database key, so that no copy of the key file, even an old one, opens the base with their passphrase.</source>
        <translation>Retire l&apos;utilisateur et change la clé de la base&#xa0;: aucune copie du fichier des clés, même ancienne, n&apos;ouvre plus la base avec sa phrase de passe.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change the database key…</source>
        <translation>Changer la clé de la base…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>An access was withdrawn but the database key has not been changed since: an old copy of the key file still opens the base. Change the key now.</source>
        <translation>Un accès a été retiré sans que la clé de la base soit changée depuis&#xa0;: une ancienne copie du fichier des clés ouvre encore la base. Changez la clé maintenant.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Revoking this access removes the user and changes the database key (the base closes for a moment). Type your passphrase to confirm:</source>
        <translation>Révoquer cet accès retire l&apos;utilisateur et change la clé de la base (la base se ferme un instant). Tapez votre phrase de passe pour confirmer&#xa0;:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Changing the database key encrypts every page again (the base closes for a moment). Type your passphrase to confirm:</source>
        <translation>Changer la clé de la base chiffre de nouveau chaque page (la base se ferme un instant). Tapez votre phrase de passe pour confirmer&#xa0;:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database key must now be changed: close the base, then run « sps-desk rekey ».</source>
        <translation>La clé de la base doit maintenant être changée&#xa0;: fermez la base, puis lancez « sps-desk rekey ».</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Owner of this computer</source>
        <translation>Titulaire de cet ordinateur</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enter the name or initials of the user.</source>
        <translation>Saisissez le nom ou les initiales de l&apos;utilisateur.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This is not your passphrase: nothing was changed.</source>
        <translation>Ce n&apos;est pas votre phrase de passe&#xa0;: rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a user in the list first.</source>
        <translation>Sélectionnez d&apos;abord un utilisateur dans la liste.</translation>
    </message>
</context>
<context>
    <name>YoungPeoplePage</name>
    <message>
        <location filename="../../ui/pages/young_people.py" line="+101"/>
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
        <location line="+6"/>
        <source>Possible duplicate</source>
        <translation>Doublon possible</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+328"/>
        <source>Save the young person</source>
        <translation>Enregistrer le jeune</translation>
    </message>
    <message>
        <location line="-326"/>
        <source>Clear the form</source>
        <translation>Vider le formulaire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code of the last young person saved</source>
        <translation>Code du dernier jeune enregistré</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+13"/>
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
        <location line="+8"/>
        <location line="+91"/>
        <source>Young people</source>
        <translation>Jeunes</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>code, nickname…</source>
        <translation>code, surnom…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only with an active support</source>
        <translation>Seulement avec un accompagnement en cours</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All ages</source>
        <translation>Tous les âges</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search:</source>
        <translation>Rechercher&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age:</source>
        <translation>Âge&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sector filter:</source>
        <translation>Secteur&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number of young people shown</source>
        <translation>Nombre de jeunes affichés</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Details and timeline…</source>
        <translation>Fiche et historique…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identity…</source>
        <translation>Identité…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the identity (audited); the name then becomes searchable here.</source>
        <translation>Afficher l&apos;identité (tracé dans le journal)&#xa0;; le nom devient alors cherchable ici.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Young people:</source>
        <translation>Jeunes&#xa0;:</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>young person</source>
        <translation>jeune</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+5"/>
        <source>(no sector)</source>
        <translation>(aucun secteur)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>All sectors</source>
        <translation>Tous les secteurs</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Shown: {0} of {1}</source>
        <translation>Affichés&#xa0;: {0} sur {1}</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>{0} years</source>
        <translation>{0} ans</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>about {0} years</source>
        <translation>environ {0} ans</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Save the changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Possible duplicate: {0} looks like this young person (a close nickname, or the same sex and birth date). Check the list; click again to save a new young person anyway.</source>
        <translation>Doublon possible&#xa0;: {0} ressemble à ce jeune (surnom proche, ou même sexe et même date de naissance). Vérifiez la liste&#xa0;; cliquez à nouveau pour enregistrer quand même un nouveau jeune.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save anyway</source>
        <translation>Enregistrer quand même</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Last young person saved: {0}</source>
        <translation>Dernier jeune enregistré&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Young person {0} updated.</source>
        <translation>Jeune {0} modifié.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Young person saved under the code {0}.</source>
        <translation>Jeune enregistré sous le code {0}.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Editing {0}</source>
        <translation>Modification de {0}</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Young person {0} deleted.</source>
        <translation>Jeune {0} supprimé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Young person {0} restored.</source>
        <translation>Jeune {0} rétabli.</translation>
    </message>
</context>
<context>
    <name>YoungPersonDialog</name>
    <message>
        <location filename="../../ui/pages/young_person_detail.py" line="+15"/>
        <source>Young person {0}</source>
        <translation>Jeune {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code: {0}</source>
        <translation>Code&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nickname: {0}</source>
        <translation>Surnom&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex: {0}</source>
        <translation>Sexe&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Birth date: {0} ({1})</source>
        <translation>Date de naissance&#xa0;: {0} ({1})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Situation: {0}</source>
        <translation>Situation&#xa0;: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the timeline…</source>
        <translation>Lecture de l&apos;historique…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the timeline</source>
        <translation>l&apos;historique</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing recorded about this young person yet.</source>
        <translation>Rien n&apos;est encore enregistré pour ce jeune.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Timeline:</source>
        <translation>Historique&#xa0;:</translation>
    </message>
</context>
<context>
    <name>YoungPicker</name>
    <message>
        <location filename="../../ui/widgets/young_picker.py" line="+74"/>
        <source>code or nickname, then Enter (a new nickname: Enter creates)</source>
        <translation>code ou surnom, puis Entrée (un nouveau surnom&#xa0;: Entrée le crée)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Matching young people</source>
        <translation>Jeunes correspondants</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search hint</source>
        <translation>Aide à la recherche</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Young people met</source>
        <translation>Jeunes rencontrés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Young person chosen</source>
        <translation>Jeune choisi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove from the list</source>
        <translation>Retirer de la liste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matches:</source>
        <translation>Correspondances&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Young people met:</source>
        <translation>Jeunes retenus&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Young person chosen:</source>
        <translation>Jeune choisi&#xa0;:</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>New young person « {0} »</source>
        <translation>Nouveau jeune « {0} »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new young person</source>
        <translation>Créer un nouveau jeune</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0}: processing restricted, cannot be added.</source>
        <translation>{0}&#xa0;: traitement limité, ne peut pas être ajouté.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody matches: check the spelling, or create a new young person.</source>
        <translation>Personne ne correspond&#xa0;: vérifiez l&apos;orthographe, ou créez un nouveau jeune.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>(deleted young person)</source>
        <translation>(jeune supprimé)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Possible duplicate: {0} has a close nickname. Pick them in the list, or click again to create another young person.</source>
        <translation>Doublon possible&#xa0;: {0} a un surnom proche. Choisissez-le dans la liste, ou cliquez à nouveau pour créer un autre jeune.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create anyway</source>
        <translation>Créer quand même</translation>
    </message>
</context>
</TS>
