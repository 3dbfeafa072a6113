"""Steps that several browser journeys share."""


def log_in(page, base_url, email, password):
    page.goto(f"{base_url}/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()
