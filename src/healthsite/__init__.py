"""healthsite: build trustworthy health-information websites for massage clinics from YAML."""
