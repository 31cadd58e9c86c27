"""What review requests send, through the delivery engine and the templates of the organization."""


def review_template(organization, key, channel):
    """The organization's template for ``key`` (e.g. review_request) on ``channel``."""
    from nudgeweb.message_templates.starter import starter_template

    return starter_template(organization, key)


def queue_review_message(request, template_key, link, step):
    """Queue one step's message; returns the delivery Message (queued, or failed with a reason)."""
    from nudgeweb.delivery import queue_message

    template = review_template(request.organization, template_key, request.channel)
    return queue_message(
        request.contact, request.channel, template, purpose="review_request", purpose_id=request.id,
        marketing=True, context={"review_link": link, "follow_up_step": step},
    )


def email_owners_about(request, kind):
    """Tell the business's owners that a customer rated or left feedback."""
    return "not sent: no mail backend yet"
