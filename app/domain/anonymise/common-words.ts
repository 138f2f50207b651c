// A compact dictionary of ordinary English and French words for the residual scan.
//
// A capitalised word that is not in this list (after folding and light suffix stripping) is
// shown to the reviewer as a possible name. The list is written for this product, not
// downloaded: everyday English and French, the vocabulary of case notes, hospital reports and
// supervision records, calendar words, Canadian places and peoples at the level of a province or
// a broad group, and the acronyms agencies use. Given names and family names are left out where
// the word is rare enough ("Pike", "Calder") so that they keep being flagged; names that are
// also very common words ("Will", "Rose", "Black") are in NAME_PART_STOPLIST instead.
// Specific Nations and communities are left out on purpose: docs/domain.md treats them as protected.

import { foldWord } from './fold'

const EVERYDAY_ENGLISH = `
a about above absent ally mama papa mamie papi granny grandma grandpa nana auntie abuse accept accepted access accident accidental according account across act acted
acting action active actually add added address adequate adjust admitted adult adults advice advised advocate
affect afraid after afternoon afterwards again against age aged agency agenda ago agree agreed agreement ahead
aid aide aim air alarm alcohol alert alive all allegation alleged allow allowed almost alone along already
also alternative although always am among amount an and anger angry animal announced annual another answer
answered anxious any anybody anyone anything anyway anywhere apart apartment apparent apparently appear
appeared appears application apply appointment approach appropriate approval approved area areas argue argued
argument arm arms around arrange arranged arrangement arrest arrested arrival arrive arrived arrives as ask
asked asking asleep assess assessed assessment assigned assist assistance assistant at attached attempt
attempted attend attendance attended attending attention attitude available average avoid awake aware away
awful baby babies back bad badly bag balance ball band bank bar barely base based basic basis bath bathroom be
beat became because become bed bedroom been before began begin beginning behalf behave behaviour behavior
behind being believe believed belong below beside besides best better between beyond big bill birth birthday
bit bite bitten black blame blanket bleeding blood blue board body book booked born borrow both bottle bottom
bought bound box boy boyfriend boys brain break breakfast breast breath breathing brief briefly bring broke
broken brother brothers brought brown bruise bruised bruises bruising budget build building burn burns bus
busy but buy by call called calling calls calm came camera can cancel cancelled cannot capacity car card care
cared career careful carefully caregiver caregivers caring carried carry case cases cash cat catch caught
cause caused causes cell centre center certain certainly chair chance change changed changes charge charged
charges chart check checked checking checklist chest child childcare childhood children choice choose chose
chosen church circle circumstances city claim claimed class clean cleaned clear clearly client clients clinic
clinical close closed closely closer closure clothes clothing coat code cold collateral colleague colleagues
collect collected college come comes comfort comfortable coming comment comments common communicate
communication community company complain complained complaint complete completed completely complex concern
concerned concerning concerns condition conditions conduct conducted conference confirm confirmed conflict
confused consent consider considered consistent constant consult consultation contact contacted contacts
contain content context continue continued contract control conversation cook cooked cope coping copy corner
correct cost could couldn council counselling counselor counsellor count counter country couple course court
cousin cousins cover covered crash crib crisis criteria critical cross crowded cry crying cup current
currently custody cut cuts dad daily damage danger dangerous dark date daughter daughters day days daycare
dead deal dealing death decide decided decision decisions deep default delay delayed deliver denied deny
department depend depressed depression describe described description despite detail details determine develop
developed development device diagnosis did didn die died diet difference different difficult difficulty dinner
direct direction directly director disability disagree disclosed disclosure discuss discussed discussion
disorder distress district do doctor doctors document documented documents does doesn dog doing don done door
doors double doubt down drank draw dress drink drinking drive driven driver driving drop dropped drove drug
drugs drunk dry due during duty each ear earlier early earn easily east easy eat eating education effect
effort either elder eldest else email emergency emotional employee employment empty end ended ending energy
engage engaged engagement enough ensure enter entered entire entry environment equipment escalated especially
even evening event events ever every everybody everyone everything evidence exactly exam examination examined
example except exchange excuse exhausted expect expected experience explain explained explanation expressed
extended extra eye eyes face faced fact factor factors fail failed failure fair fall fallen falling family far
father fathers fault fear fed fee feed feeding feel feeling feelings feet fell felt female fever few fight
fighting figure file filed files fill filled final finally financial find finding findings fine finger finish
finished fire first fit five fix flat floor focus follow followed following follow-up food foot for force
forearm forehead form formal former forms forward foster found four fourth fracture fractures free frequent
frequently friday friend friends from front full fully fun function funding funds further future gain game gap
gave general get gets getting gift girl girlfriend girls give given gives giving glad go goal goals goes going
gone good got government grade grandfather grandmother grandparent grandparents great grew ground group groups
grow growing growth guardian guess guidance guideline guidelines gun had hair half hall hand handed handle
hands happen happened happening happy hard harm has hasn hate have haven having he head headache health
healthy hear heard hearing heart heavy held help helped helpful her here herself hide high him himself hip his
history hit hold holding holiday holidays home homes honest hope hospital hospitalized hostile hot hour hours
house household housing how however hug human hungry hurt hurting husband idea identified identify if ignore
ignored ill illness immediate immediately impact important improve in incident include included including
income increase increased independent indicate indicated individual infant infants inform information informed
initial injured injuries injury inside instead instruction insurance intake intend intended interest
interested interview interviewed into involve involved involvement is isn issue issues it item items its
itself jacket job join joined joint judge judgment jump just justice keep keeping kept key kick kicked kid
kids kill kind kinds kitchen knee knew knock know knowledge known knows lack lady lake land language large
last late later laundry law lawyer lead leader learn learned learning least leave leaving led left leg legal
legs less let letter level life lift light like likely limit limited line list listen listened little live
lived lives living local lock locked long longer look looked looking lose loss lost lot loud love low lower
lunch mad made main maintain major make makes making male man manage managed management manager many marks
married mat maternal matter may maybe me meal meals mean meaning means measure medical medication medications
medicine meet meeting meetings member members memo memory men mental mention mentioned message messages met
method middle midnight might mild milk mind minor minute minutes miss missed missing mistake mom money month
monthly months mood more morning most mostly mother mothers mouth move moved movement much mum must my myself
name named names nap narrative near nearby nearly neck need needed needing needs neglect neighbour neighbor
neighbours neighbors neither nephew nervous never new news next nice niece night nights nine no nobody noise
none noon nor normal north not note noted notes nothing notice noticed now number nurse nurses object observe
observed obtain obvious occasion occur occurred of off offer offered office officer officers often oh ok okay
old older oldest on once one ones online only onto open opened option options or order ordered other others
otherwise our out outcome outcomes outside over overall overnight own owner pack page paid pain paint pair
pale parent parenting parents park part partner partners party pass passed past paternal path patient pattern
pay payment peer people per perhaps period person personal phone photo photos physical pick picked picture
piece place placed placement places plan planned planning plans play played playing please plenty pm point
police policy poor poorly position positive possible possibly post potential power practice prefer pregnancy
pregnant prepare prepared presence present presented pressure pretty prevent previous previously primary prior
priority privacy private probably problem problems procedure process produce professional program progress
promise promised proper protect protection provide provided provider providing public pull punish purpose push
put question questions quick quickly quiet quite raise raised ran range rash rate rather reach reached read
reading ready real really reason reasons recall receive received recent recently record recorded records
recover red referral referrals referred refused regarding regular regularly relationship relative relatives
release released remain remained remember remove removed repeat repeated report reported reports request
requested require required resource resources respond responded response responsibility rest result results
return returned review reviewed right risk risks road role room rooms rough round routine rule rules run
running sad safe safely safety said same sat saturday save saw say saying says scared schedule scheduled
school screen search second secure security see seeing seek seem seemed seems seen self send sent separate
serious service services session set settle seven several severe shake shaken shaking shared she shelter shift
short should shoulder shouted show showed shower shown sibling siblings sick side sign signed signs similar
simple since single sister sisters sit sitting situation six size skin skull sleep sleeping slept slow small
smell smoke smoking so social some somebody someone something sometimes somewhere son sons soon sore sorry
sort sound source south space speak speaking special speech spend spent spoke spoken spot staff stage stairs
stand standard standards start started state stated statement stay stayed step stepfather stepmother still
stop stopped store story stove straight strange street stress strong student students study stuff substance
such suggest suggested summary supervision supervisor supper supply support supported sure surgery surprise
suspected sustained swelling system systems table take taken takes taking talk talked talking task tea teacher
team tears teeth tell telling temperature ten tense term test tested text than thank thanks that the their
them themselves then there therefore these they thing things think third this those though thought threat
threatened three through throughout thursday tidy time timeline times tired to today toddler together toilet
told tomorrow tone tonight too took top total touch toward towards town toy toys track trained training
transfer transport trauma treat treated treatment tried trip trouble true trust truth try trying tuesday turn
turned twice two type unable uncle under understand understanding understood unit unknown unless unsafe until
unusual up upon upset upstairs urgent us use used useful usual usually van various verbal very via victim view
violence violent visit visited visiting visits voice vomiting wait waited waiting wake walk walked wall want
wanted wants ward warm warning was wash washing wasn watch watched water way ways we weak wear weather website
wednesday week weekend weekly weeks weight welfare well went were west wet what whatever when where whether
which while white who whole whom whose why wife will willing window winter wish with within without witness
woke woman women wonder word words work worked worker workers working works world worried worry worse worst
would wouldn wound write writing written wrong wrote yard yeah year years yell yelled yelling yes yesterday
yet you young younger youngest your yourself youth
able absolutely accordingly actual additionally admittedly afterward ago albeit alright altogether among
amongst anybody anyhow anymore apart approximately aside awhile beforehand behind below beneath beside besides
beyond certainly clearly consequently currently definitely despite directly downstairs earlier eventually
everywhere evidently fairly finally firstly formerly frankly furthermore generally hence hereby honestly
hopefully however immediately indeed initially instead lastly lately likewise literally meanwhile moreover
mostly namely naturally nearby nearly neither nevertheless nonetheless normally notably nowhere obviously
occasionally often once otherwise overall partly perhaps personally possibly potentially presumably previously
primarily probably promptly properly quickly rarely readily reasonably recently regardless relatively
reportedly respectively roughly secondly seemingly separately seriously shortly significantly similarly simply
slightly somehow somewhat soon specifically still subsequently suddenly supposedly surely thereafter thereby
therefore thus today together tomorrow tonight truly typically ultimately unfortunately unless upstairs
usually whereas wherever whilst yesterday across against along amid around before during except inside near
off onto opposite outside over past per round since than through throughout till toward under underneath
unlike until upon versus via within without i i'm i've i'd i'll he'd he's she'd she's it's it'll we're we've
they're they've they'd you're you've can't couldn't didn't doesn't don't hadn't hasn't haven't isn't shouldn't
wasn't weren't won't wouldn't let's that's there's what's who's here's nothing everything something anything
someone everyone anyone nobody somebody everybody whoever whatever whichever mister madam sir miss sister
brother ma'am another any both each either every few many more most much none other several some such first
second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth last next previous following final
initial one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
half quarter twice dozen good bad new old big small large little long short high low early late young great
important different same free full special easy clear hard real strong whole close public true available
possible wrong right ready sure likely certain main major minor recent serious significant similar simple
single social sorry specific difficult due hot cold warm happy sad tired angry upset calm quiet loud dirty
clean messy tidy hungry thirsty sleepy sick unwell healthy fine okay safe unsafe dangerous careful north south
east west northern southern eastern western central rural urban remote local regional red blue green yellow
orange purple pink white black brown grey gray dark light mr. mrs. ms. dr. also always never sometimes seldom
already yet just only even again ever quite rather very too so really
`

const CASE_RECORD_ENGLISH = `
ability absence abusive academic acceptable accommodation accompanied accomplished accountability accurate
acknowledge acknowledged acute addiction additional adequately administration administrative admission
adolescent advised affidavit afford aggressive agitated alcoholic allergy allergies alleged allegations
ambulance amended anaemia analysis anniversary annually anonymous antibiotics anxiety apologised apologized
appeal applied appointments appreciate approximately april argued arrangements arranged ashamed assault
assaulted assured attachment attempts attitude audit august authority authorities authorised authorized autism
baseline bathing bathtub bedtime behaviours beginning benefits bereavement bilingual birthdate blurred bond
bonding bottles boundaries bravery breakdown breastfeeding breathing bruised budgeting bullying burden cabinet
calendar capable capital caption careless caseload caseloads caseworker caseworkers cast catholic caution
ceiling certificate chaotic charity checkup childminder chronic chronology circumstance citizen civil clarify
clarified classroom cleaner clerk climbed closing coaching cognitive collaboration collaborative collapsed
colleague comfortable commitment committee communicated compassion competent complaints compliance compliant
comprehensive concluded conclusion concussion conditions confidential confidentiality confirmed conflict
congratulate consecutive consequences consistently constable consultant consulted continuing contributing
contributory convicted conviction coordinator coroner correctional counsel counselling countries county
courtesy coverage credible crime criminal cultural culturally curfew cupboard custodial daughter deadline
debrief debriefing december decline declined decrease dehydrated dehydration delays delegated deliberate
delivered dental dentist departure deputy desk detained deteriorated developmental diagnosed diaper diapers
disabled disappointed discharge discharged disciplinary discipline disclosed discovered disrupted distressed
documentation domestic donation dosage drowsy dropped duration dwelling eager economic educational effective
efforts elementary eligibility eligible emotional emotionally empathy employer encouraged endangered engaged
engagement enrolled episode escalation estimate evaluation eviction exam excessive excluded exclusion exposure
extended facility facilitator fatal fatality february feeding fever financial fingerprint firearm flagged
flooding followup foodbank forensic formula fragile frightened frustrated frustration fundamental funeral
furniture gathering gestational gradually grandchild grandchildren grief grooming groceries guardianship
guilty hallway handover harassment hazard hazards headaches healthcare hearing helpline hesitant highchair
homeless homelessness hospitalisation hospitalization hostility housekeeping hygiene hypothermia immunisation
immunization impaired impairment inadequate inappropriate incidents inconsistent independently indicators
informal initially injection injected inquiry insight inspected instability intervention interventions
intoxicated investigation investigated investigator isolated isolation january journal july june jurisdiction
juvenile kindergarten lactation landlord laptop leadership learning lethargic liaison licensed limping
listening literacy location lockdown loneliness mandate mandated mandatory march marijuana meantime measles
mediation medically medicated memorandum mentioned mentor midwife minimal minimize minimized ministry
misconduct mobility modified monitor monitored monitoring morphine motivated motivation narcotics nausea
negotiated neighbourhood neighborhood neonatal neurological newborn nonverbal noticeable november nursery
nutrition objective observation observations obstetric occasionally occupational october ongoing opioid
opioids orientation outreach overdose overwhelmed paediatric paediatrician pediatric pediatrician paramedic
paramedics parental participate participated partnership pattern pending perception permanency permission
persistent pharmacy phoned physician placement placements playground playpen poisoning postnatal postpartum
postponed poverty precaution prenatal preschool prescribed prescription preventive primary probation
procedures professional professionals prognosis programme promptly protective protocol provincial psychiatric
psychiatrist psychologist psychological punishment qualified rationale reassessment reassured recommendation
recommendations reconvene recovery recurrent referral regional regulations rehabilitation reluctant
reluctantly remote rent repeatedly requirement rescheduled residential resilience respite restraining
resuscitation retained retention reunification reviewer rural sanitary satisfactory scan scheduled schooling
screening sedated seizure seizures september settled sexual shelter shortage shortly signature significant
significantly sleepy snowstorm sobriety socially specialist stabilised stabilized stable statutory
stepchildren stomach strengths stressful stroller subsequent subsequently substantiated suicidal suicide
supervised supervisory surveillance suspicion suspicious symptoms tantrum tantrums teenager teenage telephone
temporary tenant tension testimony therapist therapy threatening toddlers tracking transcript transition
transportation traumatic tribal truancy turnover ultrasound unattended unconscious underweight unemployed
unemployment unexplained unhappy unlikely unresponsive unstable unsupervised urgently vaccination verified
vulnerable waitlist waiting walker warrant weapon wellbeing wellness withdrawal withdrawn witnessed workload
worsened wristband
`

// Lower-case words of the domain seeds (docs/domain.md), taken once.
const DOMAIN_SEED_WORDS = `
ability able about abuse academic accessible accomplished according account accounts accurate
achieve achieved achievements acknowledged across act action actions activities adapted addition
additional addresses addressing admin adoption advocacy affected after again against agencies agency
ages all allows also although amongst analysis analyze and annual anti any anything apart appear
application apply applying approach approaches approved approves are around array asking asks aspect
aspects aspirations assessing assessment assign assigned assist assistance associated assumptions
assurance attitudes author authoring availability background balance balances bands barriers based
bear become been before begin being belief below benefit beside best better between beyond bias
biases bilingual billion blame both broad broader budgets build building built but button can
candidate candidates cannot capabilities capacity capture care caregivers case caseload caseloads
caseworkers causes celebrating cells centered chair challenges change changed changes check
checklists checks child children choice chooses chronology circumstances clear client clients
climate clinical closed closing closure coincide collaborate collaboration collaborative combines
comes commences commissioner commitment committee committees common communication communications
communities community competency complementary completed completes completion complex compromise
compromised compromising concerns confidential connect connected connecting connections consent
consequence consistent constructive consultations contact contained content context continue
continuity continuum contributing contribution contributor coordinated core cost costs could counts
county court create created criteria critical cross crucial cultural culture cumulative current
currently cuts data date dates day days deadline decision decisions decrease default definition
deliver delivering delivery departmental depth deputy detailed determination determine develop
developed developing development did dies difference differences direct directed director
disciplinary discovery discusses distillation diversity documents does domain domains done double
download draft drafts draw dreams driven due each edit editors edits effective efforts elimination
else email emails emanating empowerment enable enables encouraged end ended engage engaged
engagement engaging enhance enhancing ensure ensuring environment environments envisioned episodes
especially essence essential evaluate evaluates evaluation events every evidence examine examples
exclude executive expand expanded expansion expect expectant expenditures experience experiences
explain explicit explore export exported exports extended face facilitate facilitator factor factors
failure families family fast fatalities fatality fatigue fax fear features feedback few fewer field
file finding findings first fiscal fix flag focus focused focusing focussed follow following
footprint for forcing form formed forms formulate foster found foundation foundational framework
from full fully functions funding further gains gap gaps gathered gauge gender geographic get give
gives goal goals going gold government greater grounded groundswell group grouping groups growth
guide hand happened harm has have hazard heads health heart help helped helps here heritage hidden
hierarchy high higher highlights historic hitting hold home homes hope hoped hopes household how
human hunt hurt identification identified identifiers identifies identify identifying image
immediate impact implement implementation implemented implementing implications importance improve
improved improvement improvements improving inadvertently incident incidents include includes
including inclusive incorporates increase increased increases index individual individuals
inequities influence inform information informed infrastructure inherently initially initiate
initiated initiatives injury innovations insights instead institutional instruments intake integrate
integrates integration intended inter interests interface internal intervention interventions
interview introduced introduction investigation inviting involved involvement involving item items
its itself job joint journey jpg judging juggling jurisdiction jurisdictions just keep keeps kept
key kids kin knew knowledge known labelled language largest last law lead leadership leads learn
learning learnings learns leaves led legal let level licence licensed link linkages linked links
list listens literature litigated live lives load logged logo long loop lower made maintain
maintained maintaining make makers making maltreatment managers manages mandate manner many marks
material matters may means measurable measure measures media meeting meets member members membership
memo meshes method million misinformation missed misses missing mission misspellings model modified
momentum more most motivated move moves multidisciplinary multimedia must names nationally natural
nature near nearly need needed needs neglect never new next nicely nicknames nobody none not noted
now nudged number numbers nurturing offers official offs offsets once one ongoing open opened
openings openly openness operate operating operations opportunities opportunity oppressive
oppressively optimizes options order ordinary organization organizational orientation original other
others our outcome outcomes outlined outlines over overall overcoming own owner owns panel paramount
parents part participate participation partner partners partnership partnerships past patterns peer
pendulum people peoples per performance period permanency person personnel perspective phases phone
photos picture place placed plan planning plans please point points policies policy position
positions positive positively possibility possible potential power practice practiced practices
practitioner practitioners prenatal preservation prevent prevented preventing prevention primary
principals principles priorities prioritize privately problem process processes product
professionals progress promote promotes promoting protect protected protecting protection protective
protects provide provided providers provides providing province pseudonymous pseudonyms
psychological psychologically public purposeful quality quotation race racial racism raised range
rapid rated rates rather rationale reach reactionary read reads receive received receives receiving
recognize recognized recognizes recognizing recommendation recommendations record recorded records
recovered recur reduce reduces reducing redundancy referral referring reflect reflects reform
reforms regarding regions regularly regulation regulatory related relationship relationships release
released religion remains removal removed removes repeat report reporting represent representation
representative request requests research researchers reset residual resort resourced resources
respect respond response responsibility responsible responsive resulting retains retention review
reviews right risk risks role rules runs safe safely safety said same satisfaction saving
schoolsafey science screen seamless sector sectors see seed seeds seek seeking seeks seen sees self
sense sensible serious seriously serve served serves service services serving session sessions set
sets settings sexual shaped share shared sharing shift ship short should show showing shown siblings
significantly signs simplification simply simulation situation skills small snapshot social
solutions solving some source space spaces specific spirit spirituality spokesperson spread squared
stability stable staff staffing stakeholders standard standardisation standardized standards start
starts state status statutory stay steps story strategies strength strengthen strengthened
strengthening strengths stressors stronger structure structures study submitting subtraction such
suited summary supervision supervisors support supported supporting supportive supports suppress
suppression surveys sustain sustainable swings system systemic systems tagged take takes talents
talks tangible team technical tend term testing text than that the their them then there therefore
therein these they this three through throughout tied time timeline tis together told too tools
toward track tracked trained training trends tribal trust turnover txt type ultimate underpins
understand understanding unique units unity unmet update updated updates upon use used useful users
utilizing values various vehicle very view virtual visible vision visit voice waitlists walks
warehouse warnings was watch way ways web weeks welfare well wellbeing were what when where whereby
wherever whether which while who whole whose why wide will wise with within without worded words
work worked worker workers workforce workgroups working workload works worries would wrap writes
written year years yet youth
`

const EVERYDAY_FRENCH = `
coordonnées cellulaire tante tantes référence références rencontre rencontres
à a abord absence absent absente accepté acceptée accès accident accompagné accompagnée accord accueil
accueilli acte action activité actuel actuelle actuellement adolescent adolescente adresse adulte adultes
affaire afin âge âgé âgée agent agente agir agression aide aider aidé aidée ailleurs aimait aime aîné aînée
ainsi air alcool aller allé allée alors ambulance amélioration ami amie amis ancien ancienne animal année
années annulé annulée anxiété appartement appel appelé appelée appeler après après-midi arrivé arrivée arriver
assez assistance assisté assurer attente attendre attention au aucun aucune aujourd'hui auprès aussi autre
autres aux avait avaient avant avec avenir avis avoir avons avril bain bas beaucoup bébé bébés besoin besoins
bien bientôt blessé blessée blessure blessures bleu bleus boire bon bonne bouche bras bureau but ça cadre
calme cas cause ce cela celle celui centre certain certaine certains ces cet cette chacun chambre changement
chaque chargé chargée chef chercher chez choix chose choses ci cinq classe clinique coin colère comme comment
commencé commune communauté compte compris concernant conduite confiance confidentiel conflit connaissance
conseil conseiller conseillère consentement contact contre côté cou couche couches cour courant cours court
cousin cousine crainte crèche crise cuisine cuisinière d' dans date de début décembre décès décidé décision
déclaré déjà demande demandé demandée demain depuis dernier dernière des désormais deux devant devait devoir
difficile difficulté difficultés dimanche dire dit dite divers dix doit domicile donc donné donnée dormait
dormir dossier dossiers dos doute droit du dû durant eau école écrit éducatrice éducateur effet égal également
élevé elle elles en encore endroit enfance enfant enfants enquête ensemble ensuite entendu entre entrevue
envers environ épaule équipe es est et été état êtes étaient était être eu eux évaluation évalué évaluée
événement évident examen exemple expliqué expliquée face facile façon faible faire fait faite faits famille
familles familial familiale fatigue fatiguée fatigué faut femme fenêtre fermé fermée fête février fièvre fille
filles fils fin finalement fois font forme formulaire fort forte fracture frère frères froid garçon garçons
garde garderie grand grande grand-mère grand-père grands-parents gros groupe guère habite habitait habituel
habituelle hier histoire hiver homme hôpital hors huit humeur ici idée il ils immédiatement important
importante incident indiqué indiquée infirmier infirmière information informations informé informée inquiet
inquiète inquiétude inquiétudes intervenant intervenante intervention jamais janvier jardin je jeudi jeune
jeunes jeunesse joie jour journée jours juge juillet juin jusqu'à jusque juste l' la là laissé laissée le lendemain
lequel les lettre leur leurs lieu lit loi loin long longtemps lors lorsque lui lundi ma madame mai main
maintenant mais maison mal malade maladie mardi mari mars matin mauvais me médecin médical médicale médicament
médicaments meilleur même mentionné mentionnée mère mères mes mesure mesures mercredi mère-grand mettre midi
mieux milieu mis mise mode moi moins mois moment mon monde montré montrée motif n' naissance ne neuf ni niveau
noël nom nombre non normal normale nos notamment note noté notée notes notre nous nouveau nouvelle nouvelles
novembre nuit nuits objectif observé observée obtenir occasion octobre oeil œil office on ont or ordonnance
organisme ou où oui outil page pain par parce parent parents parfois parler parlé part partenaire partenaires
partie partir pas passé passée pendant penser père personne personnes petit petite petits peu peur peut
peut-être peuvent pièce pied placement plainte plan planifié planifiée plus plusieurs plutôt point police pour
pourquoi pourrait pouvait pouvoir pratique premier première prendre prénom près présence présent présente
présenté présentée prévu prévue pris prise problème problèmes prochain prochaine professionnel professionnelle
programme projet propos protection puis quand quant quarante quartier quatre que quel quelle quelque quelques
qui quoi raison rapidement rapport rapports reçu reçue refusé refusée regard relation remarqué remarquée
rencontre rencontré rencontrée rendez-vous renseignements rentré rentrée repas reporté reportée ressources
reste resté restée retard retour revenu revenue revoir rien risque risques rôle route rue sa sac sais sait
salle samedi sans santé sauf se sécurité seize selon semaine semaines sens sent sentait sept septembre sera
service services ses seul seule seulement si signalement situation six sociale sœur soeur sœurs soeurs soir
soirée soit son sont sortie souhaite souvent suivi suivie suivre superviseur superviseure supervision sur sûr
surtout ta table tard tel telle temps tête toi tombé tombée ton tôt total toujours tous tout toute toutes
travail travailleur travailleuse traitement très trois trop trouvé trouvée tu un une unité urgence urgences va
vendredi venir venu venue vers veut vie vient vingt visite visites vite vivre voir voisin voisine voisins
voiture vous vu vue y yeux
`

const AGENCY_AND_CALENDAR = `
caseworker caseworkers worker workers supervisor supervisors manager director facilitator panel reviewer
reviewers analyst coordinator nurse nurses physician paediatrician pediatrician doctor doctors resident
paramedic paramedics officer constable sergeant detective police crown court judge justice registrar teacher
principal counsellor counselor therapist psychologist psychiatrist midwife elder elders chief council band
nation nations child children infant toddler baby sibling siblings mother father mom dad parent parents
caregiver caregivers grandmother grandfather grandparent aunt uncle cousin stepfather stepmother partner
boyfriend girlfriend foster kin kinship guardian household member members family families relative relatives
youth adolescent newborn neighbour neighbor friend agency society ministry department division branch unit
office hospital clinic school daycare shelter centre center detachment emergency intake services service
program programme team cfs cas cps cyfs rcmp opp sq spvm ems er icu nicu picu ct mri ekg ecg bp hr rr iv id tv
ok am pm nb ps re cc fyi asap dob sin nas ohip ramq hcn mrn scir ssit qi qip nwt nt nu yt bc ab sk mb on qc ns
pe pei nl usa us uk rn np md gp ceo cyc cyw ecw fasd adhd ptsd asd odd sids suid dpj dpcp cisss ciusss clsc
csss pdf url ip covid canada canadian ontario quebec québec manitoba alberta saskatchewan columbia nova scotia
brunswick newfoundland labrador prince edward island yukon nunavut northwest territories territory province
provinces provincial federal national england english france french français française francophone anglophone
indigenous aboriginal first métis metis inuit treaty reserve monday tuesday wednesday thursday friday saturday
sunday january february march april may june july august september october november december lundi mardi
mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre octobre
novembre décembre jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
janv févr avr juil déc day days week weeks month months year years jour jours mois an ans semaine semaines mr
mrs ms mx dr prof mme mlle st ste mt ft no nos vs http https www url api principle principles fy pt temp zip ssn mail mailing subject toll compact highway hwy re fwd cc bcc attn ext tel cell fax dept courriel fiche composition récit article articles mémère pépère mémé pépé correspondance ddn transfert référence chronologie instantané ministère objet tél téléc form forms phase room step level stage item appendix section
page part chapter table figure annex schedule note notes plan report record file case safety snapshot
assessment chronology timeline finding findings recommendation recommendations factor factors episode episodes
incident review summary closure referral engagement yes not none n/a na tbd
`

/**
 * Name parts that are also ordinary words. They are never replaced on their own (only after a
 * title, or inside the full name), because replacing "Black families" or "she will" would
 * distort the narrative; the residual scan lists them instead when written with a capital.
 */
const NAME_LIKE_WORDS = `
will mark rose grace hope faith joy may june april august summer autumn winter dawn eve bill guy sue pat art jack
ray rob bob don drew frank gene hunter king lane love miles page penny price rich rod rusty sandy sky stone storm
brown white black green gray grey young little long short small wood woods field hill hall bell bush cook baker
carpenter mason miller fisher walker wise rice ash case chase grant carter cash cliff mercy nick norm patience
rain robin sunny trinity victory wells west river brook dale forest heather honey star sunshine lake marsh moss
north south east noble golden major knight bishop pope cross
petit petite blanc blanche pierre olive claire noel pascal constant aime desire prudence esperance lac bois
fontaine beau belle bon roy vert jeune
`

function wordsOf(block: string): string[] {
  return block
    .split(/\s+/)
    .map(word => foldWord(word.trim()))
    .filter(word => word.length > 0)
}

export const COMMON_WORDS: ReadonlySet<string> = new Set([
  ...wordsOf(EVERYDAY_ENGLISH),
  ...wordsOf(CASE_RECORD_ENGLISH),
  ...wordsOf(DOMAIN_SEED_WORDS),
  ...wordsOf(EVERYDAY_FRENCH),
  ...wordsOf(AGENCY_AND_CALENDAR),
])

export const NAME_PART_STOPLIST: ReadonlySet<string> = new Set(wordsOf(NAME_LIKE_WORDS))

// The listed words as written, accents kept: "Ángel" folds to the ordinary word "angel" but is
// not written like it, so folding alone must not make it ordinary (ADR 0016).
const WRITTEN_SPELLINGS: ReadonlySet<string> = new Set(
  [EVERYDAY_ENGLISH, CASE_RECORD_ENGLISH, DOMAIN_SEED_WORDS, EVERYDAY_FRENCH, AGENCY_AND_CALENDAR, NAME_LIKE_WORDS]
    .flatMap(block => block.split(/\s+/))
    .map(word => word.trim().toLowerCase())
    .filter(word => word.length > 0),
)

/** Whether a lower-cased word, accents kept, is written exactly as a listed word. */
export function isListedSpelling(lowerCase: string): boolean {
  return WRITTEN_SPELLINGS.has(lowerCase)
}

/** Whether a folded word is listed as it is (not only through an inflection). */
export function isListedWord(folded: string): boolean {
  return COMMON_WORDS.has(folded) || NAME_PART_STOPLIST.has(folded)
}

// Inflections tried when a word is not listed as written: "visited" -> "visit", "familles" ->
// "famille". Stems shorter than four letters are not trusted ("Lee" must not become "le").
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ["'s", ''],
  ['ies', 'y'],
  ['ied', 'y'],
  ['ily', 'y'],
  ['ing', ''],
  ['ing', 'e'],
  ['ed', ''],
  ['ed', 'e'],
  ['es', ''],
  ['s', ''],
  ['ly', ''],
  ['ness', ''],
  ['ment', ''],
  ['ments', ''],
  ['ers', ''],
  ['er', ''],
  ['ers', 'e'],
  ['er', 'e'],
  ['est', ''],
  ['ful', ''],
  ['ee', 'er'],
  ['ees', 'er'],
  ['ee', ''],
  ['ees', ''],
  ['e', ''],
  ['x', ''],
  ['ait', 'er'],
  ['aient', 'er'],
  ['ant', 'er'],
  ['ement', ''],
  ['ion', 'e'],
  ['ions', 'e'],
  ['ation', 'e'],
  ['ations', 'e'],
  ['al', ''],
  ['ally', ''],
  ['ic', ''],
  ['ous', ''],
  ['able', ''],
  ['ive', 'e'],
  ['ity', ''],
  ['ize', ''],
  ['ise', ''],
  ['ized', ''],
  ['ised', ''],
  ['less', ''],
]

/** Whether a folded word is an ordinary word (listed, or an inflection of a listed word). */
export function isCommonWord(folded: string): boolean {
  if (COMMON_WORDS.has(folded)) return true
  if (folded.startsWith('un') && folded.length > 6 && COMMON_WORDS.has(folded.slice(2))) return true
  if (folded.startsWith('re') && folded.length > 6 && COMMON_WORDS.has(folded.slice(2))) return true
  for (const [suffix, replacement] of SUFFIXES) {
    if (!folded.endsWith(suffix)) continue
    const stem = folded.slice(0, folded.length - suffix.length) + replacement
    if (stem.length >= 4 && COMMON_WORDS.has(stem)) return true
    // "transferred" -> "transfer", "planning" -> "plan".
    if (replacement === '' && /([b-df-hj-np-tv-z])\1$/.test(stem) && stem.length >= 4 && COMMON_WORDS.has(stem.slice(0, -1))) return true
  }
  return false
}
