"""Who may do what: every permission rule of the platform, in one place.

Views, API endpoints and services ask these predicates; templates only mirror them.
The operator (a Django superuser) passes every rule.
"""

from django.db.models import Q

from kollegium.network.models import Garden, Person, Role


def person_of(user) -> Person | None:
    """The active staff member behind ``user``, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, "_kollegium_person"):
        remember_person(user, Person.objects.select_related("garden").filter(user=user).first())
    return user._kollegium_person


def remember_person(user, person: Person | None) -> None:
    """Tell ``person_of`` the staff member behind ``user`` when it is already loaded."""
    user._kollegium_person = person


def is_operator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def is_staff_member(user) -> bool:
    """Any staff member (or the operator): may read the directory and the company register."""
    return is_operator(user) or person_of(user) is not None


def is_coordinator(user) -> bool:
    person = person_of(user)
    return is_operator(user) or (person is not None and person.role == Role.COORDINATOR)


def can_edit_network(user) -> bool:
    return is_coordinator(user)


def can_edit_areas(user) -> bool:
    return is_coordinator(user)


def can_edit_garden(user, garden: Garden) -> bool:
    person = person_of(user)
    if is_coordinator(user):
        return True
    return person is not None and person.role == Role.LEADER and person.garden_id == garden.pk


def can_manage_staff(user, garden: Garden) -> bool:
    """Invite and deactivate: the garden's leader (and the operator)."""
    person = person_of(user)
    if is_operator(user):
        return True
    return person is not None and person.role == Role.LEADER and person.garden_id == garden.pk


def can_edit_person(user, person: Person) -> bool:
    """A profile is edited by its owner only (the operator uses the admin)."""
    return is_operator(user) or (person_of(user) is not None and person.user_id == user.pk)


def can_create_company(user) -> bool:
    return person_of(user) is not None or is_operator(user)


def serves_company(user, company_garden_ids) -> bool:
    """Staff of a garden the company relates to: may edit it and see its contacts and needs."""
    if is_operator(user):
        return True
    person = person_of(user)
    return person is not None and person.garden_id in set(company_garden_ids)


def visible_needs_q(user) -> Q:
    """Needs a user may see: those of companies their garden serves, and shared ones."""
    if is_operator(user):
        return Q()
    person = person_of(user)
    if person is None:
        return Q(pk__in=[])
    from kollegium.companies.models import CompanyGarden

    served = CompanyGarden.objects.filter(garden_id=person.garden_id).values("company_id")
    # A subquery, not a join, so a company served by several gardens gives no duplicate rows.
    return Q(shared_with_network=True) | Q(company_id__in=served) | referred_needs_q(person)


# --- key figures and programme indicators (kollegium.indicators) ----------------------------


def can_read_key_figures(user) -> bool:
    """Every staff member may read every company's key figures.

    Revenue, operating result, wage costs and employees come from annual accounts that are
    public in Regnskapsregisteret, and the programme's figures are reported for the whole
    network, so there is nothing to hide between gardens.
    """
    return is_staff_member(user)


def can_edit_key_figures(user, company_garden_ids) -> bool:
    """Staff of a garden serving the company (and the operator) record and import its figures."""
    return serves_company(user, company_garden_ids)


def can_import_key_figures(user) -> bool:
    """Anyone with a garden (or the operator); each row must still be a company they serve."""
    return person_of(user) is not None or is_operator(user)


def can_see_programme_indicators(user) -> bool:
    """Growth of the programme companies, per garden and for the network: all staff."""
    return is_staff_member(user)


# --- Methods ---------------------------------------------------------------------------------
# The method bank: a method belongs to its owner garden. Its staff edit it; staff of every
# garden who can see it comment on it and pilot it; the coordinator runs the pipeline and moves
# any method. The public reads only methods that are shared publicly.


def is_public_method(method) -> bool:
    """Visible to everyone, without an account: public visibility and stage "shared"."""
    return method.visibility == "public" and method.stage == "shared"


def public_methods_q() -> Q:
    return Q(visibility="public", stage="shared")


def visible_methods_q(user) -> Q:
    """Methods a user may see: the coordinator and the operator all of them; other staff their
    own garden's and those visible to the network (or public); anyone else the public ones."""
    if is_coordinator(user):
        return Q()
    person = person_of(user)
    if person is None:
        return public_methods_q()
    return Q(owner_id=person.garden_id) | Q(visibility__in=["network", "public"])


def can_see_method(user, method) -> bool:
    if is_coordinator(user):
        return True
    person = person_of(user)
    if person is None:
        return is_public_method(method)
    return method.owner_id == person.garden_id or method.visibility in ("network", "public")


def can_create_method(user) -> bool:
    """Any staff member (for their own garden); the operator names the owner garden."""
    return is_staff_member(user)


def can_edit_method(user, method) -> bool:
    """Text, files, links and visibility: staff of the owner garden (and the operator)."""
    person = person_of(user)
    return is_operator(user) or (person is not None and person.garden_id == method.owner_id)


def can_move_method(user, method) -> bool:
    """Stage moves: the owner garden's staff, and the coordinator for any method."""
    return can_edit_method(user, method) or is_coordinator(user)


def can_discuss_method(user, method) -> bool:
    """Comment: staff of every garden who can see the method."""
    return is_staff_member(user) and can_see_method(user, method)


def can_pilot_method(user, method) -> bool:
    """Log a pilot (for their own garden) or mark their garden's adoption: staff of every
    garden who can see the method. The operator, who has no garden, names one."""
    return is_staff_member(user) and can_see_method(user, method)


def can_edit_pilot(user, pilot) -> bool:
    """A pilot and its evaluation: staff of the piloting garden, and the coordinator."""
    person = person_of(user)
    if is_coordinator(user):
        return True
    return person is not None and person.garden_id == pilot.garden_id


def can_record_adoption(user, garden) -> bool:
    """A garden's adoption of a method is recorded by its own staff (and the operator)."""
    person = person_of(user)
    return is_operator(user) or (person is not None and person.garden_id == garden.pk)


def can_import_method_package(user) -> bool:
    """Import a package from another installation into one's own garden."""
    return person_of(user) is not None or is_operator(user)


# --- Programme -------------------------------------------------------------------------------
# An event belongs to its host gardens. Their staff and the coordinator manage it (edit,
# publish, copy, cancel, its questions) and see its participants' personal data; everyone,
# without an account, sees published and cancelled events. Drafts are the managers' business.


def can_create_event(user) -> bool:
    """Any staff member (for an event their own garden hosts) and the operator."""
    return is_staff_member(user)


def can_host_event_as(user, garden_ids) -> bool:
    """May ``user`` make an event hosted by these gardens? Staff only with their own garden
    among the hosts; the coordinator plans for any gardens."""
    if is_coordinator(user):
        return True
    person = person_of(user)
    return person is not None and person.garden_id in set(garden_ids)


def can_manage_event(user, host_garden_ids) -> bool:
    """Edit, publish, copy, cancel an event and edit its questions: staff of a host garden and
    the coordinator (and the operator)."""
    return can_host_event_as(user, host_garden_ids)


def can_see_event(user, event, host_garden_ids) -> bool:
    """Published and cancelled events are public; a draft only to those who manage it."""
    return event.status != "draft" or can_manage_event(user, host_garden_ids)


def can_see_participants(user, host_garden_ids) -> bool:
    """Participants' personal data: staff of a host garden and the coordinator only."""
    return can_manage_event(user, host_garden_ids)


# Programme, the event day and after: participant list, check-in, feedback, reach.


def can_run_event_day(user, host_garden_ids) -> bool:
    """The participant list with its exports, adding people by hand, moving them between the
    waitlist and confirmed, check-in and walk-ins: staff of a host garden and the coordinator
    (they handle personal data)."""
    return can_see_participants(user, host_garden_ids)


def can_see_event_feedback(user, host_garden_ids) -> bool:
    """An event's feedback, comments included: staff of a host garden and the coordinator."""
    return can_manage_event(user, host_garden_ids)


def can_see_feedback_summary(user) -> bool:
    """Average ratings per format, garden and competence area (no comments, no names): every
    staff member, like the programme's other figures."""
    return is_staff_member(user)


# Programme, sign-up: on someone's behalf, and moves on the waitlist.


def can_sign_up_others(user, company_garden_ids, host_garden_ids) -> bool:
    """Sign people up on their behalf: staff of a garden serving their company (an advisor
    signs up a client's employees), and those who manage the event (any participant)."""
    return serves_company(user, company_garden_ids) or can_manage_event(user, host_garden_ids)


def can_move_registration(user, host_garden_ids) -> bool:
    """Move a participant between the waitlist and a place, or remove them: the event's
    managers, who also see its participants."""
    return can_see_participants(user, host_garden_ids)


# --- Customer satisfaction surveys (kollegium.surveys) ---------------------------------------
# A garden's yearly survey of its companies. Its leader (and the coordinator, for any garden)
# creates and sends a round and its reminder; the results, free-text answers included, are for
# the garden's own staff and the coordinator. Companies answer by their link, without an account.


def can_manage_survey(user, garden_id) -> bool:
    """Create, send and remind: the garden's leader, the coordinator and the operator."""
    if is_coordinator(user):
        return True
    person = person_of(user)
    return person is not None and person.role == Role.LEADER and person.garden_id == garden_id


def can_see_survey(user, garden_id) -> bool:
    """A round and its results: the garden's staff, the coordinator and the operator."""
    if is_coordinator(user):
        return True
    person = person_of(user)
    return person is not None and person.garden_id == garden_id


def visible_survey_rounds_q(user) -> Q:
    """Rounds a user may see: all for the coordinator, their own garden's for other staff."""
    if is_coordinator(user):
        return Q()
    person = person_of(user)
    return Q(garden_id=person.garden_id) if person is not None else Q(pk__in=[])


# --- Collaboration (kollegium.collaboration) -------------------------------------------------
# Projects and work sessions are the network's common work: every staff member reads every
# project, session, agenda, minutes and action (one college; nothing in them is a company's
# private data). Staff of a project's participating gardens edit the project and its sessions;
# the project leader and the coordinator decide which gardens take part. A session without a
# project is edited by its organiser's garden. Each invitee answers an invitation for
# themselves only; an action's owner may always update their own action.


def can_read_collaboration(user) -> bool:
    """Projects, work sessions and actions: every staff member (and the operator)."""
    return is_staff_member(user)


def can_create_project(user) -> bool:
    """Any staff member (their own garden takes part); the coordinator for any gardens."""
    return is_staff_member(user)


def can_edit_project(user, garden_ids) -> bool:
    """Text, period, status, links, files and linked events and methods: staff of a
    participating garden, the coordinator and the operator."""
    if is_coordinator(user):
        return True
    person = person_of(user)
    return person is not None and person.garden_id in set(garden_ids)


def can_manage_project_members(user, project) -> bool:
    """Which gardens take part (and who leads): the project leader and the coordinator."""
    if is_coordinator(user):
        return True
    person = person_of(user)
    return person is not None and person.pk == project.leader_id


def can_edit_session(user, session, garden_ids) -> bool:
    """A work session's details, invitations, agenda, minutes, decisions, actions and summary:
    its organiser, staff of ``garden_ids`` (the project's gardens, or the organiser's garden for
    a session without a project), the coordinator and the operator."""
    if is_coordinator(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    return person.pk == session.organiser_id or person.garden_id in set(garden_ids)


def can_answer_invitation(user, invitation) -> bool:
    """Coming or not: the invitee, for themselves only."""
    person = person_of(user)
    return person is not None and person.pk == invitation.person_id


def can_edit_action(user, action, garden_ids) -> bool:
    """An action item: those who edit its session or project (``garden_ids``), and its owner,
    who marks it done."""
    person = person_of(user)
    if person is not None and person.pk == action.owner_id:
        return True
    if is_coordinator(user):
        return True
    return person is not None and person.garden_id in set(garden_ids)


# --- Referrals (kollegium.referrals) ---------------------------------------------------------
# An advisor of a garden serving a company asks colleagues (any garden) for help with one of
# its needs. The asked colleague answers; while they have accepted, they read that need and
# the company's contacts (nothing else of the company's). Staff of both gardens and the
# coordinator see that the referral exists; its content is for the two people, and for those
# who see the need anyway.


def referred_needs_q(person) -> Q:
    """Needs shared with ``person`` through a referral they have accepted (and not finished)."""
    from kollegium.referrals.models import GRANTING, Referral

    shared = Referral.objects.filter(to_person=person, status__in=GRANTING).values("need_id")
    return Q(pk__in=shared)


def referred_company_ids(person):
    """Ids of companies whose contacts ``person`` reads through an accepted referral."""
    from kollegium.referrals.models import GRANTING, Referral

    if person is None:
        return Referral.objects.none().values("company_id")
    return Referral.objects.filter(to_person=person, status__in=GRANTING).values("company_id")


def has_referral_access(user, company_id) -> bool:
    """The company's contacts, readable because the user accepted a referral for it."""
    person = person_of(user)
    if person is None:
        return False
    from kollegium.referrals.models import GRANTING, Referral

    return Referral.objects.filter(
        to_person=person, company_id=company_id, status__in=GRANTING
    ).exists()


def can_refer_need(user, company_garden_ids) -> bool:
    """Ask colleagues about a need: staff of a garden serving the company (a person is needed,
    so not the operator)."""
    return person_of(user) is not None and serves_company(user, company_garden_ids)


def can_see_referral(user, referral) -> bool:
    """That the referral exists, who and status: both people, their gardens' staff, the
    coordinator and the operator."""
    if is_coordinator(user):
        return True
    person = person_of(user)
    return person is not None and person.garden_id in (
        referral.from_garden_id,
        referral.to_garden_id,
    )


def is_referral_party(user, referral) -> bool:
    person = person_of(user)
    return person is not None and person.pk in (referral.from_person_id, referral.to_person_id)


def visible_referrals_q(user) -> Q:
    """Referrals a user may see listed (see can_see_referral)."""
    if is_coordinator(user):
        return Q()
    person = person_of(user)
    if person is None:
        return Q(pk__in=[])
    return Q(from_garden_id=person.garden_id) | Q(to_garden_id=person.garden_id)


# --- Programme letter (kollegium.programme.letter) -------------------------------------------
# Staff of a garden serving a company record its contacts' consent and send it the letter on
# demand; the monthly run and the unsubscribe link need no user.


def can_send_programme_letter(user, company_garden_ids) -> bool:
    return serves_company(user, company_garden_ids)


# --- Search and matching (kollegium.matching) ------------------------------------------------
# Staff search people, companies, needs (visible_needs_q), events (drafts: their managers) and
# methods (visible_methods_q); the public searches published events and public methods. The
# coordinator keeps the synonym list.


def can_search_network(user) -> bool:
    """People, companies and needs in search and "who can help?": staff only."""
    return is_staff_member(user)


def can_edit_synonyms(user) -> bool:
    return is_coordinator(user)
