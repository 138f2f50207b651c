// The default systemic factor framework: the six domains of docs/domain.md, worded openly in the
// spirit of SEIPS and the London Protocol adapted to child welfare. It is deliberately NOT the
// Safe Systems Improvement Tool item list (licensed material). default-framework.json is the same
// data for jurisdictions that start from it; a test keeps the two identical.
import { FactorFramework } from './schema'

const framework: FactorFramework = {
  id: 'scir-default',
  name: { en: 'Systemic factors (default framework)', fr: 'Facteurs systémiques (cadre par défaut)' },
  version: '1.0.0',
  domains: [
    {
      id: 'child_family',
      label: { en: 'Child and family', fr: 'Enfant et famille' },
      items: [
        {
          id: 'child_family.needs_risks',
          label: { en: 'Needs and risks', fr: 'Besoins et risques' },
          definition: {
            en: 'What the child and family needed and the risks to the child, including how visible those needs and risks were and how they changed over time.',
            fr: 'Ce dont l’enfant et la famille avaient besoin et les risques pour l’enfant, y compris la visibilité de ces besoins et de ces risques et leur évolution dans le temps.',
          },
        },
        {
          id: 'child_family.strengths_supports',
          label: { en: 'Strengths and natural supports', fr: 'Forces et soutiens naturels' },
          definition: {
            en: 'The family’s strengths and the relatives, friends and community members who could help keep the child safe, and whether they were known and drawn on.',
            fr: 'Les forces de la famille et les proches, amis et membres de la communauté qui pouvaient contribuer à la sécurité de l’enfant, et si on les connaissait et faisait appel à eux.',
          },
        },
        {
          id: 'child_family.engagement',
          label: { en: 'Engagement and trust', fr: 'Engagement et confiance' },
          definition: {
            en: 'How the family, including every child and every adult in the household, took part in the work, and what helped or hindered trust in the service.',
            fr: 'La façon dont la famille, y compris chaque enfant et chaque adulte du ménage, a participé au travail, et ce qui a favorisé ou freiné la confiance envers le service.',
          },
        },
        {
          id: 'child_family.culture_language',
          label: { en: 'Culture, identity and language', fr: 'Culture, identité et langue' },
          definition: {
            en: 'Whether services fitted the family’s culture, language and identity, including the right to service in French and the child’s connection to their Nation or community.',
            fr: 'La mesure dans laquelle les services convenaient à la culture, à la langue et à l’identité de la famille, y compris le droit d’être servie en français et le lien de l’enfant avec sa Nation ou sa communauté.',
          },
        },
        {
          id: 'child_family.how_family_seen',
          label: { en: 'How the family was seen', fr: 'Regard porté sur la famille' },
          definition: {
            en: 'Assumptions, labels or bias, including racial bias, that may have shaped how the family’s situation was understood and whose information was believed.',
            fr: 'Les présupposés, étiquettes ou préjugés, y compris les préjugés raciaux, qui ont pu influencer la compréhension de la situation familiale et le crédit accordé aux propos de chacun.',
          },
        },
      ],
    },
    {
      id: 'worker_team',
      label: { en: 'Worker and team', fr: 'Personnel et équipe' },
      items: [
        {
          id: 'worker_team.knowledge_skills',
          label: { en: 'Knowledge and skills', fr: 'Connaissances et compétences' },
          definition: {
            en: 'Whether the people doing the work had the knowledge, skills and experience the situation called for, and access to specialist advice when they did not.',
            fr: 'Si les personnes qui faisaient le travail avaient les connaissances, les compétences et l’expérience que la situation exigeait, et accès à des conseils spécialisés au besoin.',
          },
        },
        {
          id: 'worker_team.workload',
          label: { en: 'Workload and caseload', fr: 'Charge de travail et charge de cas' },
          definition: {
            en: 'The number and complexity of cases, competing deadlines and unplanned demands that shaped how much time each family could get.',
            fr: 'Le nombre et la complexité des dossiers, les échéances concurrentes et les imprévus qui déterminaient le temps que chaque famille pouvait recevoir.',
          },
        },
        {
          id: 'worker_team.fatigue_wellbeing',
          label: { en: 'Fatigue and wellbeing', fr: 'Fatigue et bien-être' },
          definition: {
            en: 'Fatigue, stress, secondary trauma and safety worries of staff, and the support available to them, all of which affect attention and judgement.',
            fr: 'La fatigue, le stress, le traumatisme vicariant et les craintes pour leur sécurité vécus par le personnel, ainsi que le soutien offert, qui influent tous sur l’attention et le jugement.',
          },
        },
        {
          id: 'worker_team.communication',
          label: { en: 'Team communication', fr: 'Communication au sein de l’équipe' },
          definition: {
            en: 'How information, worries and decisions passed between colleagues, shifts and roles, including during absences and handovers within the team.',
            fr: 'La circulation de l’information, des inquiétudes et des décisions entre collègues, quarts de travail et rôles, y compris pendant les absences et les passations au sein de l’équipe.',
          },
        },
        {
          id: 'worker_team.supervision',
          label: { en: 'Supervision', fr: 'Supervision' },
          definition: {
            en: 'Whether clinical and cultural supervision was available, regular and reflective enough to test thinking about the child’s safety.',
            fr: 'Si la supervision clinique et culturelle était disponible, régulière et suffisamment réflexive pour mettre à l’épreuve la réflexion sur la sécurité de l’enfant.',
          },
        },
      ],
    },
    {
      id: 'task_tools',
      label: { en: 'Task and tools', fr: 'Tâches et outils' },
      items: [
        {
          id: 'task_tools.policies',
          label: { en: 'Policies and procedures', fr: 'Politiques et procédures' },
          definition: {
            en: 'Whether policies and procedures were clear, current, consistent with each other and workable in the conditions staff actually faced.',
            fr: 'Si les politiques et procédures étaient claires, à jour, cohérentes entre elles et applicables dans les conditions que le personnel vivait réellement.',
          },
        },
        {
          id: 'task_tools.assessment_instruments',
          label: { en: 'Assessment instruments', fr: 'Outils d’évaluation' },
          definition: {
            en: 'How well the safety and risk assessment tools fitted this family and situation, and how they were meant to be used.',
            fr: 'La mesure dans laquelle les outils d’évaluation de la sécurité et du risque convenaient à cette famille et à cette situation, et la façon dont ils devaient être utilisés.',
          },
        },
        {
          id: 'task_tools.forms_records',
          label: { en: 'Forms and records', fr: 'Formulaires et dossiers' },
          definition: {
            en: 'The documentation the work required, including duplicated or hard-to-find records and time spent recording rather than with the family.',
            fr: 'La documentation exigée par le travail, y compris les dossiers en double ou difficiles à trouver et le temps passé à consigner plutôt qu’auprès de la famille.',
          },
        },
        {
          id: 'task_tools.information_systems',
          label: { en: 'Information systems', fr: 'Systèmes d’information' },
          definition: {
            en: 'Whether case management systems showed the right information, history and alerts at the right time, and how easy they were to use.',
            fr: 'Si les systèmes de gestion des dossiers présentaient la bonne information, l’historique et les alertes au bon moment, et s’ils étaient faciles à utiliser.',
          },
        },
        {
          id: 'task_tools.time_standards',
          label: { en: 'Time standards', fr: 'Normes de délai' },
          definition: {
            en: 'Whether practice time standards (such as a safety plan by the end of the third visit) were realistic, visible to staff and supported by the tools.',
            fr: 'Si les normes de délai de pratique (comme un plan de sécurité avant la fin de la troisième visite) étaient réalistes, visibles pour le personnel et soutenues par les outils.',
          },
        },
      ],
    },
    {
      id: 'organisation',
      label: { en: 'Organisation', fr: 'Organisation' },
      items: [
        {
          id: 'organisation.staffing_turnover',
          label: { en: 'Staffing and turnover', fr: 'Effectifs et roulement' },
          definition: {
            en: 'Vacancies, turnover, reassignments and reliance on new or temporary staff, and their effect on continuity for the family.',
            fr: 'Les postes vacants, le roulement, les réaffectations et le recours à du personnel nouveau ou temporaire, et leurs effets sur la continuité pour la famille.',
          },
        },
        {
          id: 'organisation.training',
          label: { en: 'Training and onboarding', fr: 'Formation et intégration' },
          definition: {
            en: 'Whether staff were prepared for the work through induction, ongoing training and coaching, including in cultural safety and anti-racism.',
            fr: 'Si le personnel était préparé au travail grâce à l’accueil, à la formation continue et à l’accompagnement, y compris en sécurité culturelle et en lutte contre le racisme.',
          },
        },
        {
          id: 'organisation.safety_culture',
          label: { en: 'Learning and safety culture', fr: 'Culture d’apprentissage et de sécurité' },
          definition: {
            en: 'Whether staff could raise concerns, admit uncertainty and ask for help without fear of blame, and whether the organisation learned from them.',
            fr: 'Si le personnel pouvait exprimer ses inquiétudes, reconnaître ses incertitudes et demander de l’aide sans craindre d’être blâmé, et si l’organisation en tirait des leçons.',
          },
        },
        {
          id: 'organisation.resources',
          label: { en: 'Resources', fr: 'Ressources' },
          definition: {
            en: 'The budget, vehicles, flexible funds, interpreters and other practical means the work depended on.',
            fr: 'Le budget, les véhicules, les fonds discrétionnaires, les interprètes et les autres moyens concrets dont le travail dépendait.',
          },
        },
        {
          id: 'organisation.leadership',
          label: { en: 'Leadership and priorities', fr: 'Leadership et priorités' },
          definition: {
            en: 'How leaders set priorities, made decisions about resources and visibly supported safe practice.',
            fr: 'La façon dont la direction établissait les priorités, prenait les décisions sur les ressources et soutenait visiblement une pratique sécuritaire.',
          },
        },
      ],
    },
    {
      id: 'interagency_community',
      label: { en: 'Inter-agency and community', fr: 'Partenaires et communauté' },
      items: [
        {
          id: 'interagency_community.handoffs',
          label: { en: 'Hand-offs and transitions', fr: 'Transferts et transitions' },
          definition: {
            en: 'How responsibility passed between agencies, programs, teams and after-hours services, and whether anything was lost on the way.',
            fr: 'La façon dont la responsabilité passait entre organismes, programmes, équipes et services offerts en dehors des heures d’ouverture, et si des éléments se perdaient en chemin.',
          },
        },
        {
          id: 'interagency_community.information_sharing',
          label: { en: 'Information sharing', fr: 'Échange d’information' },
          definition: {
            en: 'Whether partners such as health, schools, police and daycares shared what they knew in time, and whether rules or systems got in the way.',
            fr: 'Si les partenaires comme la santé, les écoles, la police et les services de garde éducatifs communiquaient à temps ce qu’ils savaient, et si des règles ou des systèmes y faisaient obstacle.',
          },
        },
        {
          id: 'interagency_community.service_availability',
          label: { en: 'Service availability', fr: 'Disponibilité des services' },
          definition: {
            en: 'Whether the services the family needed existed nearby, in their language and culture, and whether the family was eligible for them.',
            fr: 'Si les services dont la famille avait besoin existaient à proximité, dans sa langue et adaptés à sa culture, et si la famille y était admissible.',
          },
        },
        {
          id: 'interagency_community.waitlists_access',
          label: { en: 'Waitlists and access', fr: 'Listes d’attente et accès' },
          definition: {
            en: 'Waiting times, distance, transport, opening hours and cost that kept the family from services even where they existed.',
            fr: 'Les délais d’attente, la distance, le transport, les heures d’ouverture et les coûts qui tenaient la famille à l’écart des services, même lorsqu’ils existaient.',
          },
        },
        {
          id: 'interagency_community.community_connections',
          label: { en: 'Community and cultural partners', fr: 'Partenaires communautaires et culturels' },
          definition: {
            en: 'Working relationships with community, Indigenous and cultural organisations that could support the family and advise the agency.',
            fr: 'Les relations de travail avec les organismes communautaires, autochtones et culturels qui pouvaient soutenir la famille et conseiller l’agence.',
          },
        },
      ],
    },
    {
      id: 'external_regulatory',
      label: { en: 'External and regulatory', fr: 'Contexte externe et réglementaire' },
      items: [
        {
          id: 'external_regulatory.legislation',
          label: { en: 'Law and mandate', fr: 'Lois et mandat' },
          definition: {
            en: 'Legislation, regulations and mandates that defined what the agency could and could not do, including thresholds for intervention.',
            fr: 'Les lois, règlements et mandats qui définissaient ce que l’agence pouvait faire ou non, y compris les seuils d’intervention.',
          },
        },
        {
          id: 'external_regulatory.funding',
          label: { en: 'Funding', fr: 'Financement' },
          definition: {
            en: 'Funding levels, rules and timing set outside the agency that shaped staffing and the services on offer.',
            fr: 'Les niveaux, règles et calendriers de financement fixés à l’extérieur de l’agence, qui déterminaient les effectifs et les services offerts.',
          },
        },
        {
          id: 'external_regulatory.courts',
          label: { en: 'Courts and legal processes', fr: 'Tribunaux et processus judiciaires' },
          definition: {
            en: 'Court timelines, legal requirements and access to legal advice that affected decisions and when they were made.',
            fr: 'Les délais judiciaires, les exigences juridiques et l’accès aux conseils juridiques qui ont influé sur les décisions et sur leur moment.',
          },
        },
        {
          id: 'external_regulatory.oversight',
          label: { en: 'Oversight and public scrutiny', fr: 'Surveillance et regard public' },
          definition: {
            en: 'External reviews, reporting requirements, media attention and accountability pressures that changed how work was done or recorded.',
            fr: 'Les examens externes, les obligations de rapport, l’attention médiatique et les pressions de reddition de comptes qui ont changé la façon de faire ou de consigner le travail.',
          },
        },
        {
          id: 'external_regulatory.social_conditions',
          label: { en: 'Social conditions', fr: 'Conditions sociales' },
          definition: {
            en: 'Housing, income, food security and other conditions beyond the agency’s control that added to the family’s stress and bore on the child’s safety.',
            fr: 'Le logement, le revenu, la sécurité alimentaire et d’autres conditions hors du contrôle de l’agence qui ajoutaient au stress de la famille et pesaient sur la sécurité de l’enfant.',
          },
        },
      ],
    },
  ],
}

// Parsing at load proves the default obeys the same rules as a jurisdiction's file.
export const defaultFactorFramework: FactorFramework = FactorFramework.parse(framework)
